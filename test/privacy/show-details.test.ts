import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyMemberStore } from '../../src/store/member-store.ts';
import { KyselyTicketStore } from '../../src/store/ticket-store.ts';
import { createHarness, PLATFORM, type Harness } from '../support/core-harness.ts';
import { createTestStore, type TestStore } from '../support/databases.ts';

const STAFF_ROOM = 'staff-room';
const COMMITTEE_ROOM = 'committee-room';
const COMPLAINT = '3号楼2单元1202卫生间漏水，我叫李建国，电话13912345678';

describe('SHOW_RESIDENT_DETAILS=true', () => {
  let store: TestStore;
  let h: Harness;
  let reference: string;

  beforeAll(async () => {
    store = await createTestStore('sqlite');
    h = await createHarness(store, { env: { SHOW_RESIDENT_DETAILS: 'true' } });
    await h.registerStaff(STAFF_ROOM, ['wang']);
    await new KyselyMemberStore(store.db).grant(
      { platform: PLATFORM, kind: 'group', id: COMMITTEE_ROOM },
      'committee',
      h.clock.now(),
    );
    await h.say('alice', COMPLAINT);
    reference = (await new KyselyTicketStore(store.db).list())[0]!.reference;
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('lets the staff group and a staff member’s private chat see the details as written', async () => {
    expect(h.groupTexts(STAFF_ROOM)[0]).toContain('李建国');
    await h.sayInGroup(STAFF_ROOM, 'wang', `/show ${reference}`);
    expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain('13912345678');
    await h.say('wang', `/tickets all`);
    expect(h.inbox('wang').at(-1)).toContain('李建国');
  });

  it('never lets another group see them', async () => {
    await h.sayInGroup(COMMITTEE_ROOM, 'wang', `/show ${reference}`);
    await h.sayInGroup(COMMITTEE_ROOM, 'wang', '/tickets all');
    const texts = h.groupTexts(COMMITTEE_ROOM);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts)
      for (const secret of ['李建国', '13912345678', '1202', '2单元']) expect(text).not.toContain(secret);
  });

  it('still searches masked text only', async () => {
    await h.sayInGroup(STAFF_ROOM, 'wang', '/search 13912345678');
    expect(h.groupTexts(STAFF_ROOM).at(-1)).not.toContain(reference);
    await h.sayInGroup(STAFF_ROOM, 'wang', '/search 漏水');
    expect(h.groupTexts(STAFF_ROOM).at(-1)).toContain(reference);
  });
});
