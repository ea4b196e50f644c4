import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyEstateStore } from '../../src/store/estate-store.ts';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { seedConsoleTickets, type Seeded } from './console-support.ts';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): playwright never downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('staff web console in Chromium, on a phone-sized screen', () => {
  let store: TestStore;
  let dataDir: string;
  let cwd: string;
  let service: ServiceProcess;
  let seeded: Seeded;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
      );
    store = await createTestStore('sqlite');
    dataDir = mkdtempSync(join(tmpdir(), 'linli-console-browser-'));
    cwd = mkdtempSync(join(tmpdir(), 'linli-console-browser-cli-'));
    seeded = await seedConsoleTickets(store, dataDir);
    service = await startServiceProcess({ DATABASE_URL: store.config.url, DATA_DIR: dataDir });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await store?.cleanup();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  it(
    'signs in with a console link, filters by category, opens a ticket, and fits the screen',
    { timeout: 90_000 },
    async () => {
      const made = await runCli(['console-link', '--user', '小李', '--role', 'staff'], {
        cwd,
        env: { DATABASE_URL: store.config.url, DATA_DIR: dataDir },
      });
      expect(made.code, made.stderr).toBe(0);
      const link = new URL(made.stdout.trim());
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(error.message));
      page.on('dialog', (dialog) => {
        scriptErrors.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });

      await page.goto(`${service.url}${link.pathname}${link.search}`);
      await page.getByRole('button', { name: '登录工单台' }).click();
      await page.waitForURL(`${service.url}/console/`);
      await expect.poll(() => page.locator('#count').textContent()).toBe(`共 ${seeded.tickets.length} 张工单`);

      await page.locator('details.filters summary').click();
      await page.getByLabel('分类').selectOption('greening');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL(/category=greening/);
      const greening = seeded.tickets.filter((t) => t.category === 'greening');
      expect(await page.locator('#count').textContent()).toBe(`共 ${greening.length} 张工单`);
      expect(await page.locator('ul.tickets li').count()).toBe(greening.length);

      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);

      // The photo loads through the signed-in route.
      const photo = page.waitForResponse((response) => response.url().includes('/console/attachments/'));
      await page.getByRole('link', { name: seeded.photoTicket.reference }).click();
      await page.waitForURL(new RegExp(`/console/tickets/${seeded.photoTicket.reference}`));
      expect(await page.locator('#reporters').textContent()).toBe('1');
      // The photo is loaded lazily: bring it on screen, as a reader scrolling down would.
      await page.locator('img[src^="/console/attachments/"]').first().scrollIntoViewIfNeeded();
      expect((await photo).status()).toBe(200);
      expect((await photo).headers()['content-type']).toBe('image/jpeg');
      expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);

      // The hostile complaint's script never ran on any page.
      await page.goto(`${service.url}/console/?q=${encodeURIComponent('script')}`);
      expect(scriptErrors).toEqual([]);
      await context.close();
    },
  );

  it(
    'takes staff through reply, resolve, explain, export and a refused page, and the committee through a decision',
    { timeout: 120_000 },
    async () => {
      const env = { DATABASE_URL: store.config.url, DATA_DIR: dataDir };
      const linkFor = async (user: string, role: string): Promise<string> => {
        const made = await runCli(['console-link', '--user', user, '--role', role], { cwd, env });
        expect(made.code, made.stderr).toBe(0);
        const url = new URL(made.stdout.trim());
        return `${service.url}${url.pathname}${url.search}`;
      };
      const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
      const page = await context.newPage();
      const scriptErrors: string[] = [];
      page.on('pageerror', (error) => scriptErrors.push(error.message));

      // Sign in by link, filter the open tickets, open the first.
      await page.goto(await linkFor('旅程小王', 'staff'));
      await page.getByRole('button', { name: '登录工单台' }).click();
      await page.waitForURL(`${service.url}/console/`);
      await page.locator('details.filters summary').click();
      await page.getByLabel('状态').selectOption('open');
      await page.getByRole('button', { name: '筛选', exact: true }).click();
      await page.waitForURL(/status=open/);
      const open = page.locator('ul.tickets li a.ref');
      const [first, second] = [(await open.nth(0).textContent())!, (await open.nth(1).textContent())!];
      await open.nth(0).click();
      await page.waitForURL(new RegExp(`/console/tickets/${first}`));

      // Reply, then resolve: each says what was done, and the history names the member.
      await page.getByLabel('回复内容').fill('师傅今天下午到，请留意');
      await page.getByRole('button', { name: '回复居民' }).click();
      await page.waitForURL(/action=reply&outcome=ok/);
      await expect.poll(() => page.locator('p.notice').textContent()).toContain(`✅ ${first}`);
      // A canned reply, picked under the reply box: the history shows the words residents got.
      await page.locator('#template-reply select[name="name"]').selectOption('上门');
      const sent = page.waitForResponse((r) => r.url().endsWith('/act') && r.status() === 303);
      await page.getByRole('button', { name: '发送模板回复' }).click();
      await sent;
      await page.waitForLoadState();
      await expect.poll(() => page.locator('ol.history').textContent()).toContain('需要上门查看');
      await page.getByLabel('解决说明（可不填，居民会看到）').fill('已修好');
      await page.getByRole('button', { name: '标记为已解决' }).click();
      await page.waitForURL(/action=resolve&outcome=ok/);
      expect(await page.locator('h1 .tag').first().textContent()).toBe('已解决');
      expect(await page.locator('ol.history').textContent()).toContain('旅程小王');

      // Explain another one: a reason and a plan.
      await page.goto(`${service.url}/console/tickets/${second}`);
      await page.getByLabel('原因', { exact: true }).fill('需要业主大会表决维修基金');
      await page.getByLabel('长期计划', { exact: true }).fill('下季度业主大会讨论');
      await page.getByRole('button', { name: '说明暂不能解决' }).click();
      await page.waitForURL(/action=explain&outcome=ok/);
      expect(await page.locator('dl.facts').textContent()).toContain('下季度业主大会讨论');

      // Export the filtered list as CSV: a download, UTF-8 with its byte-order mark.
      await page.goto(`${service.url}/console/?category=greening`);
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: '导出 CSV' }).click();
      const file = await (await download).path();
      const bytes = readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toContain('编号,状态,分类');

      // A page the role may not open: refused by the server, said in words.
      const refused = await page.goto(`${service.url}/console/members`);
      expect(refused?.status()).toBe(403);
      expect(await page.locator('p.notice.error').textContent()).toBe('您的角色不能进行此操作。');

      // The committee records a decision on this week's agenda.
      const compiled = await runCli(['agenda', '--week', '2026-W48', '--send'], { cwd, env });
      expect(compiled.code, compiled.stderr).toBe(0);
      const committee = await browser.newContext({ locale: 'zh-CN' });
      const member = await committee.newPage();
      member.on('pageerror', (error) => scriptErrors.push(error.message));
      await member.goto(await linkFor('居委李阿姨', 'committee'));
      await member.getByRole('button', { name: '登录工单台' }).click();
      await member.waitForURL(`${service.url}/console/`);
      await member.getByRole('link', { name: '议程', exact: true }).click();
      await member.locator('#agendas a.ref').first().click();
      await member.waitForURL(/\/console\/agenda\/2026-W48$/);
      const item = member.locator('ol.items > li').first();
      await item.getByLabel('决定内容').fill('物业两周内完成维修，居委会回访');
      await item.getByRole('button', { name: '记录决定' }).click();
      await member.waitForURL(/outcome=recorded/);
      await expect.poll(() => member.locator('p.notice').first().textContent()).toMatch(/^已记录 [A-Z]+-\d+ 的决定/);
      expect(await member.locator('ol.items').textContent()).toContain('物业两周内完成维修，居委会回访');
      // The committee reads tickets but has no actions to press.
      await member.goto(`${service.url}/console/tickets/${first}`);
      expect(await member.locator('section.actions').count()).toBe(0);

      expect(scriptErrors).toEqual([]);
      await committee.close();
      await context.close();
    },
  );

  it(
    'lets a person of two estates choose the estate after signing in, and switch from the header',
    { timeout: 90_000 },
    async () => {
      const env = { DATABASE_URL: store.config.url, DATA_DIR: dataDir };
      const added = await runCli(['estate', 'add', 'lincheng-2', '--name', '林城二期'], { cwd, env });
      expect(added.code, added.stderr).toBe(0);
      const made = await runCli(['console-link', '--user', '双城小赵', '--role', 'staff'], { cwd, env });
      expect(made.code, made.stderr).toBe(0);
      const second = (await new KyselyEstateStore(store.db).findByCode('lincheng-2'))!;
      await new KyselyMemberStore(store.db).grant(
        { platform: 'web', kind: 'user', id: '双城小赵', displayName: '双城小赵' },
        'staff',
        new Date(),
        second.id,
      );
      const link = new URL(made.stdout.trim());
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${service.url}${link.pathname}${link.search}`);
      await page.getByRole('button', { name: '登录工单台' }).click();
      await page.waitForURL(`${service.url}/console/estates`);
      await page.locator('#estates li', { hasText: '林城二期' }).getByRole('button', { name: '进入' }).click();
      await page.waitForURL(`${service.url}/console/`);
      expect(await page.locator('header .who').textContent()).toContain('林城二期');
      expect(await page.locator('#count').textContent()).toBe('共 0 张工单');

      await page.getByRole('link', { name: '切换小区' }).click();
      await page.locator('#estates li', { hasText: 'default' }).getByRole('button', { name: '进入' }).click();
      await page.waitForURL(`${service.url}/console/`);
      await expect.poll(() => page.locator('#count').textContent()).toBe(`共 ${seeded.tickets.length} 张工单`);
      await context.close();
    },
  );
});
