import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/*
 * A gzip-compressed tar archive in the POSIX ustar format: what `tar -xzf` reads on any server, so a
 * backup can be opened without Linli. Only regular files, which is all a backup holds.
 */

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(BLOCK);
  const bytes = Buffer.from(name, 'utf8');
  let prefix = Buffer.alloc(0);
  let base = bytes;
  if (bytes.length > 100) {
    // ustar splits a long name at a slash: up to 155 bytes of folders, then up to 100 of the rest.
    const cut = name.lastIndexOf('/', 155);
    const rest = cut > 0 ? Buffer.from(name.slice(cut + 1), 'utf8') : bytes;
    if (cut <= 0 || rest.length > 100 || Buffer.byteLength(name.slice(0, cut)) > 155)
      throw new Error(`path too long for a tar archive: ${name}`);
    prefix = Buffer.from(name.slice(0, cut), 'utf8');
    base = rest;
  }
  base.copy(block, 0);
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  prefix.copy(block, 345);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

/** Writes files one after another into FILE as .tar.gz; call {@link TarWriter.close} to finish it. */
export class TarWriter {
  private readonly tar = new PassThrough();
  private readonly done: Promise<void>;

  constructor(file: string) {
    this.done = pipeline(this.tar, createGzip({ level: 6 }), createWriteStream(file, { flags: 'wx' }));
    // Surfaced by close(); without a listener a failed disk would crash the process first.
    this.done.catch(() => {});
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.tar.write(chunk)) await new Promise<void>((resolve) => this.tar.once('drain', resolve));
  }

  /** Adds NAME (a relative path with forward slashes) holding the bytes of SOURCE, a file of SIZE bytes. */
  async addFile(name: string, source: string, size: number, mtime: Date): Promise<void> {
    await this.write(header(name, size, mtime));
    let written = 0;
    for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > size) throw new Error(`${source} grew while it was being archived`);
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`${source} shrank while it was being archived`);
    await this.pad(size);
  }

  /** Adds NAME holding DATA. */
  async addBuffer(name: string, data: Buffer, mtime: Date): Promise<void> {
    await this.write(header(name, data.length, mtime));
    await this.write(data);
    await this.pad(data.length);
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest !== 0) await this.write(Buffer.alloc(BLOCK - rest));
  }

  async close(): Promise<void> {
    this.tar.end(Buffer.alloc(2 * BLOCK));
    await this.done;
  }
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** A relative path inside DIR, refusing `..`, absolute paths and anything else that would leave it. */
export function safeJoin(dir: string, name: string): string {
  const clean = normalize(name);
  if (clean.startsWith('..') || clean.startsWith(sep) || /^[a-zA-Z]:/.test(clean) || clean.split(sep).includes('..')) {
    throw new Error(`the archive holds a path outside its folder: ${name}`);
  }
  return join(dir, clean);
}

/**
 * Extracts the regular files of a .tar.gz into DIR (which it creates) and returns their relative names.
 * Entries other than regular files and folders are refused, and so are paths that leave DIR. Files are
 * written synchronously as the archive streams in: a restore has nothing else to do meanwhile, and a
 * damaged archive then leaves no write in flight behind the error.
 */
export async function extractTarGz(file: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let current: { remaining: number; padding: number; fd: number | undefined } | undefined;
  let ended = false;

  const consume = () => {
    for (;;) {
      if (ended) return;
      if (current) {
        if (current.remaining > 0) {
          if (pending.length === 0) return;
          const take = Math.min(current.remaining, pending.length);
          if (current.fd !== undefined) writeSync(current.fd, pending, 0, take);
          pending = pending.subarray(take);
          current.remaining -= take;
          continue;
        }
        if (pending.length < current.padding) return;
        pending = pending.subarray(current.padding);
        if (current.fd !== undefined) closeSync(current.fd);
        current = undefined;
        continue;
      }
      if (pending.length < BLOCK) return;
      const block = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (block.every((b) => b === 0)) {
        ended = true;
        return;
      }
      const prefix = field(block, 345, 155);
      const name = (prefix ? `${prefix}/` : '') + field(block, 0, 100);
      const size = parseInt(field(block, 124, 12).trim() || '0', 8);
      const type = field(block, 156, 1) || '0';
      if (!Number.isSafeInteger(size) || size < 0) throw new Error(`the archive is damaged near ${name}`);
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (type === '5') {
        mkdirSync(safeJoin(dir, name), { recursive: true });
        current = { remaining: size, padding, fd: undefined };
      } else if (type === '0') {
        const target = safeJoin(dir, name);
        mkdirSync(dirname(target), { recursive: true });
        current = { remaining: size, padding, fd: openSync(target, 'wx') };
        names.push(name);
      } else {
        throw new Error(
          `the archive holds an entry of type ${type} (${name}); a Linli backup holds regular files only`,
        );
      }
    }
  };

  try {
    await pipeline(
      createReadStream(file) as Readable,
      createGunzip(),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          try {
            consume();
            callback();
          } catch (error) {
            callback(error as Error);
          }
        },
        final(callback) {
          callback(
            current && current.remaining > 0
              ? new Error('the archive ends in the middle of a file: it is truncated')
              : null,
          );
        },
      }),
    );
  } finally {
    if (current?.fd !== undefined) closeSync(current.fd);
  }
  return names;
}
