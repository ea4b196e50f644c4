import { KyselyUnitOfWork } from '../../src/store/unit-of-work.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/agenda/chart.ts';
import { CHAT_LIMITS, renderAgendaChat } from '../../src/agenda/render-chat.ts';
import { renderAgendaHtml } from '../../src/agenda/render-html.ts';
import { renderAgendaMarkdown } from '../../src/agenda/render-markdown.ts';
import { compileAgenda } from '../../src/agenda/weekly-job.ts';
import type { Agenda } from '../../src/agenda/agenda.ts';
import { loadConfig } from '../../src/config.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';
import { seedEvent, seedResident, seedTicket } from './seed.ts';

const RESIDENTS = [
  { name: '王秀英', phone: '13812345678', unit: '3-2-501', chatId: 'a' },
  { name: '李建国', phone: '021-6543 2109', unit: '12栋1单元302', chatId: 'b' },
  { name: 'Amy Chen', phone: '+852 9123 4567', unit: 'Flat 12B', chatId: 'c' },
  { name: '陈阿姨', phone: '18900001111', unit: '7-1-1101', chatId: 'd' },
];
/** What must never appear: names, phones (also without separators), units, rooms. */
const FORBIDDEN = [
  '王秀英',
  '李建国',
  'Amy Chen',
  '陈阿姨',
  '13812345678',
  '6543',
  '2109',
  '9123',
  '4567',
  '18900001111',
  '3-2-501',
  '501',
  '302',
  '1101',
  '12B',
  '2单元',
  '1单元',
  '赵六',
  '13700001234',
];

describe('agenda privacy', () => {
  let store: TestStore;
  let agenda: Agenda;
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-privacy-'));

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    const ids = [];
    for (const r of RESIDENTS) ids.push(await seedResident(store.db, r));
    const [a, b, c, d] = ids as [number, number, number, number];
    await seedTicket(
      store.db,
      {
        reference: 'W-0001',
        category: 'water_supply',
        summary: '我是王秀英，3号楼2单元501停水，电话13812345678',
        building: '3',
        unit: '2',
        createdAt: '2026-03-02T02:00:00Z',
      },
      [a, b, c],
    );
    await seedTicket(
      store.db,
      {
        reference: 'U-0001',
        summary: '李建国家楼上漏水，12栋1单元302，联系021-6543 2109',
        building: '12',
        unit: '1',
        spot: '1单元302门口',
        createdAt: '2026-03-03T02:00:00Z',
        reopenedCount: 1,
      },
      [b],
    );
    await seedTicket(
      store.db,
      {
        reference: 'O-0001',
        category: 'other',
        summary: "My name is Amy Chen, flat 12B, neighbour's dog barks all night, call +852 9123 4567",
        building: 'B',
        createdAt: '2026-02-20T02:00:00Z',
      },
      [c],
    );
    const explained = await seedTicket(
      store.db,
      {
        reference: 'G-0001',
        category: 'greening',
        status: 'explained',
        summary: '陈阿姨说7号楼1101门前绿地被占种菜',
        building: '7',
        createdAt: '2026-02-25T02:00:00Z',
        firstResponseAt: '2026-02-25T03:00:00Z',
        explanation: { reason: '住户赵六（13700001234）不配合', plan: '居委会约谈7-1-1101住户，限期恢复' },
      },
      [d],
    );
    await seedEvent(store.db, explained, 'explained', '2026-03-04T02:00:00Z');
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    agenda = await compileAgenda(
      { unitOfWork: new KyselyUnitOfWork(store.db), config },
      '2026-W10',
      new Date('2026-03-09T01:00:00Z'),
    );
  });
  afterAll(async () => {
    await store.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists the items it should (so the checks below look at real content)', () => {
    expect(agenda.items.map((i) => i.reference).sort()).toEqual(['G-0001', 'O-0001', 'U-0001', 'W-0001']);
  });

  it('names no resident and gives no phone or unit in any rendering, in any language', () => {
    const renderings: Array<[string, string]> = [['json', JSON.stringify(agenda)]];
    for (const locale of LOCALES) {
      renderings.push([`md ${locale}`, renderAgendaMarkdown(agenda, locale)]);
      renderings.push([`html ${locale}`, renderAgendaHtml(agenda, locale)]);
      renderings.push([
        `telegram ${locale}`,
        renderAgendaChat(agenda, locale, { limit: CHAT_LIMITS.telegram }).join('\n'),
      ]);
      renderings.push([`line ${locale}`, renderAgendaChat(agenda, locale, { limit: CHAT_LIMITS.line }).join('\n')]);
      renderings.push([`chart ${locale}`, renderChartSvg(agenda, locale)]);
    }
    for (const [name, text] of renderings) {
      for (const secret of FORBIDDEN) expect(text.includes(secret), `${name} contains ${secret}`).toBe(false);
      expect(text.replace(/\s/g, '')).not.toMatch(/1[3-9]\d{9}/);
    }
  });

  it('keeps buildings and spots, which the meeting needs', () => {
    const md = renderAgendaMarkdown(agenda, 'zh-CN');
    expect(md).toContain('3号楼');
    expect(md).toContain('7号楼');
  });
});

describe('agenda renderings of hostile text', () => {
  it('escape HTML and link syntax in Markdown and HTML, and drop direction controls', async () => {
    const store = await createTestStore('sqlite');
    const dataDir = mkdtempSync(join(tmpdir(), 'linli-privacy-html-'));
    try {
      const resident = await seedResident(store.db, { name: 'x', chatId: 'x' });
      await seedTicket(
        store.db,
        {
          reference: 'G-0001',
          category: 'greening',
          status: 'explained',
          summary: '<img src=x onerror=alert(1)>树倒了\u202Etxt.exe',
          building: '7',
          createdAt: '2026-02-25T02:00:00Z',
          firstResponseAt: '2026-02-25T03:00:00Z',
          explanation: { reason: '<script>alert(1)</script>', plan: '[点这里](javascript:alert(1)) <b>下月</b>补种' },
        },
        [resident],
      );
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', COMMUNITY_NAME: '<i>阳光</i>\u2066小区' });
      const hostile = await compileAgenda(
        { unitOfWork: new KyselyUnitOfWork(store.db), config },
        '2026-W10',
        new Date('2026-03-09T01:00:00Z'),
      );
      expect(hostile.items).toHaveLength(1);
      for (const locale of LOCALES) {
        const md = renderAgendaMarkdown(hostile, locale);
        const html = renderAgendaHtml(hostile, locale);
        for (const text of [md, html]) {
          expect(text).not.toMatch(/<(?:img|script|b|i)\b/);
          expect(/[\u202A-\u202E\u2066-\u2069]/.test(text)).toBe(false);
        }
        expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;树倒了');
        expect(md).toContain('\\[点这里\\](javascript:alert(1)) &lt;b&gt;下月&lt;/b&gt;补种');
        expect(md).toContain('&lt;i&gt;阳光&lt;/i&gt;小区');
      }
    } finally {
      await store.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
