import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/classify/label.ts';
import { LabelledTsvError, parseLabelledTsv } from '../../src/classify/labelled-tsv.ts';

describe('parseLabelledTsv', () => {
  it('reads rows with their line numbers, skipping blank lines and a BOM', () => {
    const rows = parseLabelledTsv(
      '\uFEFFcategory\ttext\r\nupkeep\t电梯坏了\r\n\r\nnot_complaint\t谢谢\n',
      'x.tsv',
      LABELS,
    );
    expect(rows).toEqual([
      { label: 'upkeep', text: '电梯坏了', line: 2 },
      { label: 'not_complaint', text: '谢谢', line: 4 },
    ]);
  });

  it('keeps a tab inside the text', () => {
    expect(parseLabelledTsv('category\ttext\nother\ta\tb\n', 'x.tsv', LABELS)[0]?.text).toBe('a\tb');
  });

  it('names the file and line of an unknown category and lists the expected ones', () => {
    const content = ['category\ttext', 'upkeep\t电梯坏了', 'greening\t树倒了', 'foo\t什么'].join('\n');
    expect(() => parseLabelledTsv(content, 'data.tsv', LABELS)).toThrow(
      'data.tsv:4: unknown category "foo" (expected one of greening, water_supply, security, upkeep, other, not_complaint)',
    );
  });

  it('names the line of a row without a tab, and of an empty text', () => {
    expect(() => parseLabelledTsv('category\ttext\nupkeep 电梯坏了\n', 'a.tsv', LABELS)).toThrow(/^a\.tsv:2: .*no tab/);
    expect(() => parseLabelledTsv('category\ttext\nupkeep\t\n', 'a.tsv', LABELS)).toThrow(/^a\.tsv:2: empty text/);
  });

  it('reads an urgency column, the columns in the order the header names them', () => {
    expect(
      parseLabelledTsv(
        'category\turgency\ttext\nupkeep\turgent\t电梯困人了\nupkeep\tnormal\t电梯有异响\n',
        'u.tsv',
        LABELS,
      ),
    ).toEqual([
      { label: 'upkeep', urgency: 'urgent', text: '电梯困人了', line: 2 },
      { label: 'upkeep', urgency: 'normal', text: '电梯有异响', line: 3 },
    ]);
    expect(parseLabelledTsv('text\turgency\tcategory\n燃气泄漏\turgent\tsecurity\n', 'u.tsv', LABELS)).toEqual([
      { label: 'security', urgency: 'urgent', text: '燃气泄漏', line: 2 },
    ]);
    expect(parseLabelledTsv('category\turgency\ttext\nother\tnormal\ta\tb\n', 'u.tsv', LABELS)[0]?.text).toBe('a\tb');
  });

  it('names the line of an unknown urgency, a missing column and an unknown header column', () => {
    expect(() => parseLabelledTsv('category\turgency\ttext\nupkeep\tsoon\t电梯坏了\n', 'u.tsv', LABELS)).toThrow(
      'u.tsv:2: unknown urgency "soon" (expected urgent or normal)',
    );
    expect(() => parseLabelledTsv('category\turgency\ttext\nupkeep\t电梯坏了\n', 'u.tsv', LABELS)).toThrow(
      /^u\.tsv:2: expected 3 columns/,
    );
    expect(() => parseLabelledTsv('category\tseverity\ttext\nupkeep\turgent\tx\n', 'u.tsv', LABELS)).toThrow(
      /^u\.tsv:1: expected the header "category<TAB>text"/,
    );
  });

  it('insists on the header', () => {
    const error = (() => {
      try {
        parseLabelledTsv('label\tmessage\nupkeep\t电梯坏了\n', 'b.tsv', LABELS);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabelledTsvError);
    expect((error as LabelledTsvError).line).toBe(1);
    expect((error as Error).message).toMatch(/^b\.tsv:1: expected the header "category<TAB>text"/);
  });
});
