import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { down, up } from '../../migrations/20261206090000_reporter_words.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import type { Ticket } from '../../src/tickets/ticket.ts';
import { createHarness, type Harness } from '../support/core-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const VICTIM = '12号楼1单元802卫生间下水道堵了，我叫李建国，电话13800138000';
/** What nobody but the victim may ever read. */
const PRIVATE = ['李建国', '13800138000', '802', '1单元'];

/*
 * DESIGN §6 for residents: a reference opens nothing; a co-reporter sees the masked view and their own
 * words; a reporter withdraws only their own report.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: who sees a ticket, and withdrawing a report`, () => {
    let store: TestStore;
    let h: Harness;
    const ticketStore = () => new KyselyTicketStore(store.db);
    const byRef = async (reference: string): Promise<Ticket> => (await ticketStore().findByReference(reference))!;
    const kinds = async (reference: string) =>
      (await ticketStore().events((await byRef(reference)).id)).map((e) => e.kind);
    const expectNothingPrivate = (texts: string[]) => {
      for (const text of texts) for (const secret of PRIVATE) expect(text, text).not.toContain(secret);
    };

    beforeAll(async () => {
      store = await createTestStore(dialect);
    });
    beforeEach(async () => {
      await store.reset();
      h = await createHarness(store);
      await h.registerStaff(STAFF_ROOM, ['wang']);
    });
    afterAll(async () => {
      await store.cleanup();
    });

    it('gives a stranger quoting a reference nothing: no joining, no details, no withdrawal, no staff replies', async () => {
      await h.say('victim', VICTIM);
      const ticket = await byRef('U-0001');
      await h.say('snoop', 'U-0001 我也是');
      await h.say('snoop', '/mytickets');
      await h.say('snoop', '/withdraw U-0001');
      expect(await ticketStore().reporterIds(ticket.id)).toHaveLength(1);
      expect(await kinds('U-0001')).toEqual(['created']);
      expect((await byRef('U-0001')).status).toBe('open');
      const [quoted, mine, withdraw] = h.inbox('snoop');
      expect(quoted).toContain('请直接说明是什么问题');
      expect(quoted).not.toContain('U-0001');
      expect(mine).toContain('您还没有反映过问题');
      expect(withdraw).toContain('没有找到');
      expectNothingPrivate(h.inbox('snoop'));

      await h.sayInGroup(STAFF_ROOM, 'wang', '/reply U-0001 师傅下午三点上门');
      expect(h.inbox('victim').at(-1)).toContain('师傅下午三点上门');
      expect(h.inbox('snoop').join('\n')).not.toContain('师傅下午三点上门');
    });

    it('answers a reference that exists exactly as one that does not', async () => {
      await h.say('victim', VICTIM);
      await h.say('snoop', 'U-0001 我也是');
      await h.say('snoop', 'U-0077 我也是');
      await h.say('snoop', '/withdraw U-0001');
      await h.say('snoop', '/withdraw U-0077');
      const [a, b, c, d] = h.inbox('snoop');
      expect(a).toBe(b);
      expect(c).toBe(d);
    });

    it("takes a complaint after someone else's reference as the resident's own, matched the ordinary way", async () => {
      await h.say('alice', '3号楼2单元停水了，我叫王芳，电话13912345678');
      await h.say('carl', 'W-0001 3号楼我家也停水了');
      const water = await byRef('W-0001');
      // The ordinary duplicate match joined them: same category, same building, words in common.
      expect(await ticketStore().reporterCount(water.id)).toBe(2);
      expect(h.inbox('carl')[0]).toContain('1 位邻居');
      // A complaint elsewhere after the same reference is a ticket of its own.
      await h.say('dora', 'W-0001 9号楼路灯坏了');
      expect((await ticketStore().list()).map((t) => t.reference).sort()).toEqual(['U-0001', 'W-0001']);
      expect(await ticketStore().reporterCount(water.id)).toBe(2);
    });

    it('shows a neighbour who joined through duplicate matching the masked view and their own words', async () => {
      await h.say('victim', VICTIM);
      await h.say('neighbour', '12号楼卫生间下水道也堵了，返臭味');
      const ticket = await byRef('U-0001');
      expect(await ticketStore().reporterCount(ticket.id)).toBe(2);
      await h.say('neighbour', '/mytickets');
      const list = h.inbox('neighbour').at(-1)!;
      expect(list).toContain('U-0001');
      expect(list).toContain('12号楼');
      expect(list).toContain('返臭味');
      expectNothingPrivate(h.inbox('neighbour'));
      // The victim sees their own words, flat and all.
      await h.say('victim', '/mytickets');
      expect(h.inbox('victim').at(-1)).toContain('李建国');
      expect(h.inbox('victim').at(-1)).not.toContain('返臭味');
      // A status question from the neighbour is answered with the masked view too.
      await h.say('neighbour', 'U-0001 什么时候能修好？');
      expect(h.inbox('neighbour').at(-1)).toContain('U-0001');
      expect(h.inbox('neighbour').at(-1)).toContain('待处理');
      expectNothingPrivate(h.inbox('neighbour'));
    });

    it("withdraws only the caller's report; the ticket closes as withdrawn when nobody is left", async () => {
      await h.say('victim', VICTIM);
      await h.say('neighbour', '12号楼卫生间下水道也堵了，返臭味');
      const ticket = await byRef('U-0001');
      await h.say('neighbour', '/withdraw U-0001');
      expect(h.inbox('neighbour').at(-1)).toContain('已撤回您对 U-0001 的反映');
      expect((await byRef('U-0001')).status).toBe('open');
      expect(await ticketStore().reporterIds(ticket.id)).toHaveLength(1);
      // The remaining reporter and staff hear of it, without who.
      expect(h.inbox('victim').at(-1)).toContain('一位邻居撤回了对 U-0001 的反映');
      const staffNote = h.groupTexts(STAFF_ROOM).at(-1)!;
      expect(staffNote).toContain('U-0001');
      expect(staffNote).toContain('还有 1 位反映人');
      expect(staffNote).not.toContain('neighbour');

      // Staff replies reach current reporters only.
      await h.sayInGroup(STAFF_ROOM, 'wang', '/reply U-0001 明早疏通');
      expect(h.inbox('victim').at(-1)).toContain('明早疏通');
      expect(h.inbox('neighbour').join('\n')).not.toContain('明早疏通');
      await h.say('neighbour', '/mytickets');
      expect(h.inbox('neighbour').at(-1)).toMatch(/U-0001.*已撤回/);
      // A second withdrawal finds nothing to withdraw.
      await h.say('neighbour', '/withdraw U-0001');
      expect(h.inbox('neighbour').at(-1)).toContain('没有找到');

      await h.say('victim', '/withdraw U-0001');
      const closed = await byRef('U-0001');
      expect(closed.status).toBe('closed');
      expect(closed.closedAt).not.toBeNull();
      const events = await ticketStore().events(ticket.id);
      expect(events.filter((e) => e.kind === 'withdrawn').map((e) => e.data)).toEqual([
        { remaining: 1 },
        { remaining: 0, closed: true },
      ]);
      expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('U-0001 的反映人都已撤回，工单已关闭');
      await h.say('victim', '/mytickets');
      expect(h.inbox('victim').at(-1)).toMatch(/U-0001.*已撤回/);
      expect(h.inbox('victim').at(-1)).not.toContain('已关闭');
    });

    it('makes a neighbour who withdrew and reports the problem again a reporter once more', async () => {
      await h.say('victim', VICTIM);
      await h.say('neighbour', '12号楼卫生间下水道也堵了，返臭味');
      await h.say('neighbour', '/withdraw U-0001');
      h.clock.advance(3_600_000);
      await h.say('neighbour', '12号楼卫生间下水道又堵了，还是返臭味');
      const ticket = await byRef('U-0001');
      expect(await ticketStore().reporterIds(ticket.id)).toHaveLength(2);
      expect(
        (await ticketStore().reportOf(ticket.id, (await ticketStore().reporterIds(ticket.id))[1]!))?.text,
      ).toContain('又堵了');
    });

    it("backfills each reporter's own words when the migration runs on existing rows", async () => {
      await h.say('victim', VICTIM);
      await h.say('neighbour', '12号楼卫生间下水道也堵了，返臭味');
      const ticket = await byRef('U-0001');
      await down(store.db as never);
      await up(store.db as never);
      const rows = await store.db
        .selectFrom('ticket_reporters')
        .select(['is_original', 'text', 'withdrawn_at'])
        .where('ticket_id', '=', ticket.id)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { is_original: 1, text: ticket.description, withdrawn_at: null },
        { is_original: 0, text: '12号楼卫生间下水道也堵了，返臭味', withdrawn_at: null },
      ]);
    });
  });
}
