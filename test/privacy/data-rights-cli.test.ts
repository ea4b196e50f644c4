import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chatAs, runCli } from '../support/run-cli.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('linli export --resident, linli forget, linli retention', () => {
  it("hands over a resident's data as JSON, then forgets them", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'linli-rights-'));
    dirs.push(cwd);
    const env = { DATABASE_URL: `sqlite:${join(cwd, 'linli.db')}`, DATA_DIR: join(cwd, 'data') };
    expect(await chatAs('alice', ['5号楼门口路灯坏了，我是王芳，电话13912345678'], { cwd, env })).toBe(0);

    const exported = await runCli(['export', '--resident', 'console:alice'], { cwd, env });
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as {
      identities: Array<{ userId: string }>;
      reports: Array<{ reference: string; words: string | null; summary: string | null }>;
    };
    expect(data.identities.map((i) => i.userId)).toEqual(['alice']);
    expect(data.reports[0]).toMatchObject({
      reference: 'U-0001',
      summary: '5号楼门口路灯坏了，我是王芳，电话13912345678',
    });

    const out = join(cwd, 'alice.json');
    expect((await runCli(['export', '--resident', 'console:alice', '--out', out], { cwd, env })).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ identities: [{ userId: 'alice' }] });

    const forgot = await runCli(['forget', '--resident', 'console:alice'], { cwd, env });
    expect(forgot.stderr).toBe('');
    expect(forgot.code).toBe(0);
    expect(forgot.stdout).toMatch(/^Forgot console:alice: residents=1 tickets=1 /);
    const listed = await runCli(['tickets'], { cwd, env });
    expect(listed.stdout).toContain('U-0001');
    expect(listed.stdout).not.toContain('13912345678');

    const again = await runCli(['forget', '--resident', 'console:alice'], { cwd, env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No resident console:alice');
    expect((await runCli(['export', '--resident', 'console:alice'], { cwd, env })).code).toBe(1);
    expect((await runCli(['forget', '--resident', 'alice'], { cwd, env })).code).toBe(2);

    const retention = await runCli(['retention', '--days', '1'], { cwd, env });
    expect(retention.code).toBe(0);
    expect(retention.stdout).toMatch(/^Retention \(1 day\): residents=0 tickets=0 /);
  });
});
