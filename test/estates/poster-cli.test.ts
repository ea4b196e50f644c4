import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli } from '../support/run-cli.ts';

const TELEGRAM = { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOP', TELEGRAM_BOT_USERNAME: 'linli_demo_bot' };

function sandbox(context: TestContext) {
  const dir = mkdtempSync(join(tmpdir(), 'linli-poster-'));
  context.onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    linli: (args: string[], env: Record<string, string> = {}) =>
      runCli(args, { cwd: dir, env: { DATABASE_URL: `sqlite:${join(dir, 'x.db')}`, ...env } }),
  };
}

describe.concurrent('linli poster', () => {
  it('writes the PNG and PDF posters and prints the links they carry', async (context) => {
    const { dir, linli } = sandbox(context);
    const env = { ...TELEGRAM, COMMUNITY_NAME: '幸福里小区' };
    const png = await linli(['poster', '--estate', 'default', '--out', 'poster.png'], env);
    expect(png.stderr).toContain('QR codes for telegram');
    expect(png.code).toBe(0);
    expect(png.stdout).toBe('telegram\thttps://t.me/linli_demo_bot?start=default\n');
    expect(readFileSync(join(dir, 'poster.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
    const pdf = await linli(['poster', '--estate', 'default', '--out', 'poster.pdf', '--lang', 'zh-TW'], env);
    expect(pdf.code).toBe(0);
    expect(readFileSync(join(dir, 'poster.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("draws an added estate's poster with its own code in the links", async (context) => {
    const { dir, linli } = sandbox(context);
    const added = await linli([
      'estate',
      'add',
      'east-1',
      '--name',
      '东苑',
      '--street',
      '朝阳街道',
      '--emergency-numbers',
      'gas=96777',
    ]);
    expect(added.code).toBe(0);
    const result = await linli(['poster', '--estate', 'EAST-1', '--out', 'east.png'], {
      ...TELEGRAM,
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      LINE_BASIC_ID: '@123abcde',
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the join poster of east-1 (东苑)');
    expect(result.stdout).toBe(
      'telegram\thttps://t.me/linli_demo_bot?start=east-1\nline\thttps://line.me/R/oaMessage/%40123abcde/?%E5%8A%A0%E5%85%A5%20east-1\n',
    );
    expect(readFileSync(join(dir, 'east.png')).length).toBeGreaterThan(10_000);
  });

  it('fails naming the missing setting when no QR code can be drawn', async (context) => {
    const { linli } = sandbox(context);
    const unnamed = await linli(['poster', '--estate', 'default', '--out', 'p.png'], {
      TELEGRAM_BOT_TOKEN: TELEGRAM.TELEGRAM_BOT_TOKEN,
    });
    expect(unnamed.code).toBe(3);
    expect(unnamed.stderr).toContain('configuration error: TELEGRAM_BOT_USERNAME');
    const off = await linli(['poster', '--estate', 'default', '--out', 'p.png']);
    expect(off.code).toBe(3);
    expect(off.stderr).toMatch(/TELEGRAM_BOT_USERNAME.*LINE_BASIC_ID/);
  });

  it('refuses an unknown estate and a file that is neither PNG nor PDF', async (context) => {
    const { linli } = sandbox(context);
    const unknown = await linli(['poster', '--estate', 'nowhere', '--out', 'p.png'], TELEGRAM);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no estate "nowhere"');
    const jpeg = await linli(['poster', '--estate', 'default', '--out', 'p.jpg'], TELEGRAM);
    expect(jpeg.code).toBe(2);
  });
});
