#!/bin/sh
# Rebuilds the chart font: Noto Sans CJK SC (SIL OFL 1.1) cut down to the characters a chart can show —
# the 3,755 most common hanzi (GB 2312 level 1), every character of the message catalogues in
# src/i18n (so zh-TW labels render too), ASCII and CJK punctuation. Needs Debian's fonts-noto-cjk and
# python3-fonttools:  apt-get install fonts-noto-cjk python3-fonttools && sh src/agenda/fonts/subset.sh
set -eu
here=$(dirname "$0")
root=$here/../../..
chars=$(mktemp)
/usr/bin/python3 - "$root/src/i18n" > "$chars" <<'PY'
import sys, pathlib
text = set()
for hi in range(0xB0, 0xD8):
    for lo in range(0xA1, 0xFF):
        try:
            text.add(bytes([hi, lo]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
for path in pathlib.Path(sys.argv[1]).glob('*.ts'):
    text.update(ch for ch in path.read_text('utf-8') if ord(ch) > 0x7f)
text.update(chr(c) for c in range(0x20, 0x7f))
text.update('，。、：；！？（）《》“”‘’—…·％＋－～①②③④⑤⑥⑦⑧⑨⑩▲▼■□●○★☆→←↑↓×÷≥≤')
print(''.join(sorted(text)))
PY
/usr/bin/python3 -m fontTools.subset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
  --font-number=2 --text-file="$chars" --layout-features='*' --no-hinting \
  --output-file="$here/NotoSansCJKsc-Regular.subset.otf"
rm -f "$chars"
