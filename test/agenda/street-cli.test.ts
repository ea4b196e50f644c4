import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli } from '../support/run-cli.ts';

function sandbox(context: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-street-cli-'));
  context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return (args: string[]) => runCli(args, { cwd: dir, env: { DATABASE_URL: `sqlite:${join(dir, 'x.db')}` } });
}

describe('linli agenda --street and the street role', () => {
  it("prints a street's digest with each of its estates, and makes the street's invite", async (context) => {
    const linli = sandbox(context);
    expect((await linli(['estate', 'add', 'east', '--name', '东苑', '--street', '朝阳街道'])).code).toBe(0);
    expect((await linli(['estate', 'add', 'west', '--name', '西苑', '--street', '朝阳街道'])).code).toBe(0);
    expect((await linli(['estate', 'add', 'north', '--name', '北苑', '--street', '其他街道'])).code).toBe(0);

    const md = await linli(['agenda', '--street', '朝阳街道', '--week', '2026-W10']);
    expect(md.stderr).toContain('A preview of the digest of 朝阳街道, 2026-W10');
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('# 朝阳街道各小区诉求办理周报 · 2026年第10周');
    expect(md.stdout).toContain('东苑');
    expect(md.stdout).toContain('西苑');
    expect(md.stdout).not.toContain('北苑');
    const json = await linli(['agenda', '--street', '朝阳街道', '--week', '2026-W10', '--format', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'street', street: '朝阳街道', week: '2026-W10' });

    const unknown = await linli(['agenda', '--street', '无此街道', '--week', '2026-W10']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no estate belongs to the street "无此街道"');

    const invite = await linli(['invite', '--role', 'street', '--street', '朝阳街道']);
    expect(invite.code).toBe(0);
    expect(invite.stdout).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}\n$/);
    expect(invite.stderr).toContain('weekly digest of 朝阳街道');
    expect((await linli(['invite', '--role', 'street'])).code).toBe(2);
    expect((await linli(['invite', '--role', 'staff', '--street', '朝阳街道'])).code).toBe(2);
  });
});
