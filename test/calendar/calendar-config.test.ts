import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DEFAULT_ESCALATION_LADDER } from '../../src/tickets/escalation-ladder.ts';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('WORKING_HOURS, REMINDER_LEAD and ESCALATION_DELAYS', () => {
  it('default to 09:00-12:00 and 13:30-18:00, a reminder an hour ahead, and the admin → committee → Party branch → street ladder', () => {
    const config = loadConfig({});
    expect(config.workingHours).toEqual([
      { start: 540, end: 720 },
      { start: 810, end: 1080 },
    ]);
    expect(config.reminderLeadMs).toBe(3_600_000);
    expect(config.escalationLadder).toEqual(DEFAULT_ESCALATION_LADDER);
    expect(config.escalationLadder.map((r) => r.level)).toEqual(['admin', 'committee', 'party_branch', 'street']);
    expect(config.escalationLadder.at(-1)).toEqual({ level: 'street', delayMs: 5 * 86_400_000 });
  });

  it('read the estate’s own values', () => {
    const config = loadConfig({
      WORKING_HOURS: '08:30-17:30',
      REMINDER_LEAD: '30m',
      ESCALATION_DELAYS: 'admin=1h, committee=1d, party_branch=, street=',
    });
    expect(config.workingHours).toEqual([{ start: 510, end: 1050 }]);
    expect(config.reminderLeadMs).toBe(1_800_000);
    expect(config.escalationLadder).toEqual([
      { level: 'admin', delayMs: 3_600_000 },
      { level: 'committee', delayMs: 86_400_000 },
    ]);
    expect(loadConfig({ REMINDER_LEAD: '0' }).reminderLeadMs).toBe(0);
    expect(loadConfig({ ESCALATION_DELAYS: 'street=2d' }).escalationLadder.at(-1)).toEqual({
      level: 'street',
      delayMs: 2 * 86_400_000,
    });
  });

  it('name the variable and the fix when a value is wrong', () => {
    expect(configError({ WORKING_HOURS: '18:00-09:00' })).toMatchObject({ variable: 'WORKING_HOURS' });
    expect(configError({ WORKING_HOURS: '9-18' }).message).toContain('09:00-12:00,13:30-18:00');
    expect(configError({ REMINDER_LEAD: 'soon' })).toMatchObject({ variable: 'REMINDER_LEAD' });
    expect(configError({ ESCALATION_DELAYS: 'mayor=1d' }).message).toContain(
      'unknown level "mayor" (expected admin, committee, party_branch, street)',
    );
    expect(configError({ ESCALATION_DELAYS: 'admin=later' }).message).toContain('admin=later is not a duration');
    expect(configError({ ESCALATION_DELAYS: 'admin=1h,admin=2h' }).message).toContain('"admin" is given twice');
    expect(configError({ ESCALATION_DELAYS: 'admin' }).message).toContain('is not level=delay');
  });
});
