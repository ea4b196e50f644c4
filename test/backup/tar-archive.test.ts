import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractTarGz, TarWriter } from '../../src/backup/tar-archive.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linli-tar-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('tar archive', () => {
  it('round-trips files of every size around the 512-byte block, and long folder names', async () => {
    const dir = tempDir();
    const files = new Map<string, Buffer>([
      ['empty.txt', Buffer.alloc(0)],
      ['a/511.bin', randomBytes(511)],
      ['a/512.bin', randomBytes(512)],
      ['a/513.bin', randomBytes(513)],
      ['attachments/telegram/big.jpg', randomBytes(300_000)],
      [`attachments/${'深'.repeat(40)}/${'x'.repeat(90)}.ogg`, randomBytes(1000)],
    ]);
    const archive = join(dir, 'out.tar.gz');
    const tar = new TarWriter(archive);
    let i = 0;
    for (const [name, data] of files) {
      if (i++ % 2 === 0) await tar.addBuffer(name, data, new Date());
      else {
        const source = join(dir, `source-${i}`);
        writeFileSync(source, data);
        await tar.addFile(name, source, data.length, new Date());
      }
    }
    await tar.close();

    const out = join(dir, 'extracted');
    expect((await extractTarGz(archive, out)).sort()).toEqual([...files.keys()].sort());
    for (const [name, data] of files) expect(readFileSync(join(out, name)).equals(data)).toBe(true);
    // The system's tar reads it too: a backup opens without Linli.
    const listed = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listed.sort()).toEqual([...files.keys()].sort());
  });

  it('refuses an entry whose path leaves the folder', async () => {
    const dir = tempDir();
    const archive = join(dir, 'evil.tar.gz');
    const tar = new TarWriter(archive);
    await tar.addBuffer('../outside.txt', Buffer.from('x'), new Date());
    await tar.close();
    await expect(extractTarGz(archive, join(dir, 'out'))).rejects.toThrow(/outside its folder/);
  });

  it('says a truncated archive is truncated', async () => {
    const dir = tempDir();
    const archive = join(dir, 'whole.tar');
    const tar = new TarWriter(`${archive}.gz`);
    await tar.addBuffer('big.bin', randomBytes(200_000), new Date());
    await tar.close();
    // Cut the uncompressed stream in the middle of the file, then compress it again.
    const raw = execFileSync('gzip', ['-dc', `${archive}.gz`]);
    writeFileSync(archive, raw.subarray(0, 100_000));
    execFileSync('gzip', ['-f', archive]);
    await expect(extractTarGz(`${archive}.gz`, join(dir, 'out'))).rejects.toThrow(/truncated/);
  });
});
