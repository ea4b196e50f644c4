import type { AgendaInput, AgendaTicket } from '../../src/agenda/agenda.ts';
import { weekBounds } from '../../src/agenda/iso-week.ts';

/*
 * A fixed week for the compile tests: 2026-W10 in Asia/Shanghai (Monday 2 March 00:00 +08:00 to
 * Monday 9 March), compiled on Monday 9 March at 09:00 local. Every figure the tests expect is worked
 * out by hand in compile.test.ts from the tickets below.
 */
export const TZ = 'Asia/Shanghai';
export const WEEK = '2026-W10';
export const AS_OF = new Date('2026-03-09T01:00:00Z');

const d = (iso: string): Date => new Date(iso);

export function ticket(id: number, reference: string, fields: Partial<AgendaTicket>): AgendaTicket {
  return {
    id,
    reference,
    category: 'upkeep',
    urgency: 'normal',
    status: 'open',
    summary: '问题',
    building: null,
    spot: null,
    duplicateOf: null,
    reopenedCount: 0,
    explanation: null,
    createdAt: d('2026-03-02T00:00:00Z'),
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: d('2030-01-01T00:00:00Z'),
    resolutionDueAt: d('2030-01-01T00:00:00Z'),
    explainedAt: null,
    ...fields,
  };
}

export const T = {
  t1: ticket(1, 'W-0001', {
    category: 'water_supply',
    status: 'resolved',
    building: '3',
    summary: '3号楼停水，我是李四，电话13800138000',
    createdAt: d('2026-03-02T01:00:00Z'),
    responseDueAt: d('2026-03-02T05:00:00Z'),
    firstResponseAt: d('2026-03-02T03:00:00Z'),
    resolutionDueAt: d('2026-03-04T01:00:00Z'),
    resolvedAt: d('2026-03-03T01:00:00Z'),
  }),
  t2: ticket(2, 'U-0002', {
    category: 'upkeep',
    status: 'in_progress',
    building: '5',
    summary: '5号楼电梯坏了',
    createdAt: d('2026-03-03T00:00:00Z'),
    responseDueAt: d('2026-03-04T00:00:00Z'),
    firstResponseAt: d('2026-03-04T02:00:00Z'),
    resolutionDueAt: d('2026-03-08T00:00:00Z'),
  }),
  t3: ticket(3, 'G-0003', {
    category: 'greening',
    status: 'closed',
    building: '2',
    createdAt: d('2026-03-04T00:00:00Z'),
    responseDueAt: d('2026-03-05T00:00:00Z'),
    closedAt: d('2026-03-04T06:00:00Z'),
    resolutionDueAt: d('2026-03-11T00:00:00Z'),
  }),
  t4: ticket(4, 'W-0004', {
    category: 'water_supply',
    status: 'explained',
    building: '3',
    summary: '3号楼水压低',
    createdAt: d('2026-02-20T00:00:00Z'),
    responseDueAt: d('2026-02-20T04:00:00Z'),
    firstResponseAt: d('2026-02-20T02:00:00Z'),
    resolutionDueAt: d('2026-03-06T00:00:00Z'),
    explainedAt: d('2026-03-05T00:00:00Z'),
    explanation: { reason: '水泵老化', plan: '申请维修资金做二次供水改造' },
  }),
  t5: ticket(5, 'S-0005', {
    category: 'security',
    status: 'open',
    building: '3',
    summary: '3号楼门禁坏了',
    reopenedCount: 1,
    createdAt: d('2026-02-25T00:00:00Z'),
    responseDueAt: d('2026-02-25T12:00:00Z'),
    firstResponseAt: d('2026-02-25T10:00:00Z'),
    resolutionDueAt: d('2026-02-28T00:00:00Z'),
  }),
  t6: ticket(6, 'U-0006', {
    category: 'upkeep',
    status: 'acknowledged',
    building: '5',
    summary: '5号楼电梯又停了',
    createdAt: d('2026-03-06T02:00:00Z'),
    responseDueAt: d('2026-03-07T02:00:00Z'),
    firstResponseAt: d('2026-03-06T03:00:00Z'),
    resolutionDueAt: d('2026-03-11T02:00:00Z'),
  }),
  t7: ticket(7, 'U-0007', {
    category: 'upkeep',
    status: 'duplicate',
    duplicateOf: 2,
    building: '5',
    createdAt: d('2026-03-05T00:00:00Z'),
    responseDueAt: d('2026-03-06T00:00:00Z'),
    firstResponseAt: d('2026-03-05T01:00:00Z'),
    closedAt: d('2026-03-05T01:00:00Z'),
  }),
  t8: ticket(8, 'O-0008', {
    category: 'other',
    status: 'open',
    building: '7',
    summary: '楼上邻居装修噪音扰民',
    createdAt: d('2026-03-07T00:00:00Z'),
    responseDueAt: d('2026-03-09T00:00:00Z'),
    resolutionDueAt: d('2026-03-21T00:00:00Z'),
  }),
  t9: ticket(9, 'G-0009', {
    category: 'greening',
    status: 'resolved',
    building: '2',
    createdAt: d('2026-02-23T02:00:00Z'),
    responseDueAt: d('2026-02-24T02:00:00Z'),
    firstResponseAt: d('2026-02-23T05:00:00Z'),
    resolutionDueAt: d('2026-03-02T02:00:00Z'),
    resolvedAt: d('2026-03-01T00:00:00Z'),
  }),
};

export function weekInput(overrides: Partial<AgendaInput> = {}): AgendaInput {
  const { start, end } = weekBounds(WEEK, TZ);
  return {
    week: WEEK,
    timeZone: TZ,
    community: '幸福里',
    start,
    end,
    asOf: AS_OF,
    tickets: Object.values(T),
    events: [
      { ticketId: 1, kind: 'resolved', at: d('2026-03-03T01:00:00Z') },
      { ticketId: 5, kind: 'resolved', at: d('2026-03-02T00:00:00Z') },
      { ticketId: 5, kind: 'reopened', at: d('2026-03-03T00:00:00Z') },
      { ticketId: 4, kind: 'explained', at: d('2026-03-05T00:00:00Z') },
      { ticketId: 9, kind: 'resolved', at: d('2026-03-01T00:00:00Z') },
    ],
    answers: [
      { ticketId: 1, rating: 5, fixed: 'yes', answeredAt: d('2026-03-03T02:00:00Z') },
      { ticketId: 1, rating: 3, fixed: 'yes', answeredAt: d('2026-03-03T03:00:00Z') },
      { ticketId: 9, rating: null, fixed: 'yes', answeredAt: d('2026-03-02T00:00:00Z') },
      { ticketId: 5, rating: null, fixed: 'no', answeredAt: d('2026-03-03T00:00:00Z') },
      { ticketId: 9, rating: 4, fixed: null, answeredAt: d('2026-02-28T00:00:00Z') },
    ],
    reporters: new Map([
      [1, 2],
      [2, 4],
      [4, 1],
      [5, 1],
      [6, 1],
      [8, 1],
    ]),
    personal: new Map([[1, ['李四', '13800138000', '2-301']]]),
    previous: {
      week: '2026-W09',
      stocks: { stillOpen: 6, overdueNow: 2 },
      decisions: [
        {
          ticket: T.t9,
          decision: '补种草坪',
          lead: 'property',
          dueDate: '2026-03-01',
          decidedAt: d('2026-03-02T02:00:00Z'),
        },
        {
          ticket: T.t5,
          decision: '更换门禁主板',
          lead: 'property',
          dueDate: '2026-03-05',
          decidedAt: d('2026-03-02T02:00:00Z'),
        },
        {
          ticket: T.t2,
          decision: '联系电梯维保单位',
          lead: 'property',
          dueDate: '2026-03-20',
          decidedAt: d('2026-03-02T02:00:00Z'),
        },
      ],
    },
    ...overrides,
  };
}
