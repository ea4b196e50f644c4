import { describe, expect, it } from 'vitest';
import type { AgendaTicket } from '../../src/agenda/agenda.ts';
import { compileWeeklyAgenda } from '../../src/agenda/compile.ts';
import { deterministicNarrative } from '../../src/agenda/narrative.ts';
import { CHAT_LIMITS, MAX_CHAT_PARTS, renderAgendaChat } from '../../src/agenda/render-chat.ts';
import { LOCALES } from '../../src/i18n/index.ts';
import { ticket, weekInput } from './fixtures.ts';

/** An agenda with as many items as the agenda lists, each with a long summary and plan. */
function bigAgenda() {
  const tickets: AgendaTicket[] = Array.from({ length: 40 }, (_, i) =>
    ticket(100 + i, `U-${String(100 + i).padStart(4, '0')}`, {
      status: i % 2 === 0 ? 'explained' : 'open',
      building: String(i + 1),
      spot: `东侧第${i + 1}个车棚`,
      summary: '车棚顶棚破损漏雨，电动车被淋湿，多次反映未修，'.repeat(3),
      explanation: {
        reason: '需要业主大会表决',
        plan: '申请维修资金更换全部车棚顶棚，并加装充电桩和照明设施，预计下季度施工'.repeat(3),
      },
      createdAt: new Date('2026-03-02T00:00:00Z'),
      resolutionDueAt: new Date('2026-03-03T00:00:00Z'),
    }),
  );
  const draft = compileWeeklyAgenda(weekInput({ tickets, reporters: new Map(tickets.map((t) => [t.id, 5])) }));
  return { ...draft, narrative: deterministicNarrative(draft, 'zh-CN'), narrativeSource: 'deterministic' as const };
}

describe('renderAgendaChat', () => {
  const agenda = bigAgenda();

  for (const [platform, limit] of Object.entries(CHAT_LIMITS)) {
    for (const locale of LOCALES) {
      it(`keeps every ${platform} message within ${limit} UTF-16 units and ${MAX_CHAT_PARTS} parts (${locale})`, () => {
        const parts = renderAgendaChat(agenda, locale, { limit, fullUrl: 'https://linli.example.org/agenda/abc.html' });
        if (limit === CHAT_LIMITS.telegram) expect(parts.length).toBeGreaterThan(1);
        expect(parts.length).toBeLessThanOrEqual(MAX_CHAT_PARTS);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
        expect(parts.at(-1)).toContain('https://linli.example.org/agenda/abc.html');
      });
    }
  }

  it('summarises instead of dropping: the items left out are counted', () => {
    const parts = renderAgendaChat(agenda, 'zh-CN', { limit: CHAT_LIMITS.telegram });
    const text = parts.join('\n');
    expect(text).toContain('1. U-');
    expect(text).toMatch(/另有 \d+ 项符合条件/);
    expect(text).toContain('四、各方本周任务');
  });

  it('sends a short agenda as one message without a part marker', () => {
    const small = compileWeeklyAgenda(weekInput());
    const parts = renderAgendaChat({ ...small, narrative: '…', narrativeSource: 'deterministic' }, 'zh-CN', {
      limit: CHAT_LIMITS.line,
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]).not.toMatch(/（1\/1）$/);
  });
});
