import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'linli-chat-'));
const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'linli.db')}`, LOG_FORMAT: 'json', LOG_LEVEL: 'warn' };

function chat(args: string[], input: string) {
  const result = spawnSync(process.execPath, ['bin/linli.js', 'chat', ...args], {
    cwd: root,
    env,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('linli chat', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('files a piped complaint and prints the receipt, then exits when input ends', () => {
    const { code, out } = chat(['--user', 'alice'], '3号楼2单元停水一天了\n');
    expect(code).toBe(0);
    expect(out).toContain('bot> 已登记，编号 W-0001（供水）');
  });

  it('asks for the place with lettered buttons and takes a letter as a press', () => {
    const { code, out } = chat(['--user', 'bob'], 'the corridor light is broken\nd\n');
    expect(code).toBe(0);
    expect(out).toMatch(/\[a\] central garden .*\[d\] Not sure \/ skip/);
    expect(out).toContain('Filed as U-0001');
  });

  it('lets a console staff member answer, and the resident reads the answer next time', () => {
    const staff = chat(['--as', 'staff', '--user', 'wang'], '/tickets\n/reply W-0001 明天上午修好\n');
    expect(staff.code).toBe(0);
    expect(staff.out).toContain('W-0001');
    expect(staff.out).toContain('✅ W-0001 已回复居民（wang）');
    const resident = chat(['--user', 'alice'], '');
    expect(resident.out).toContain('物业回复（W-0001）：明天上午修好');
  });

  it('takes a typed number as text: a building for the place question', () => {
    const { out } = chat(['--user', 'cy'], '楼道灯坏了\n7\n');
    expect(out).toContain('位置：7号楼');
  });

  it('rejects a bad user name as a usage error', () => {
    const { code, err } = chat(['--user', 'a b'], '');
    expect(code).toBe(2);
    expect(err).toContain('--user');
  });
});
