import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
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
});
