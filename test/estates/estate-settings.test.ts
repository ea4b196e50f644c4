import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { checkEstateSettings, estateSettings } from '../../src/estates/estate-settings.ts';

const install = loadConfig({
  EMERGENCY_NUMBERS: 'gas=96777',
  DEADLINES: '{"water_supply":{"normal":{"response":"2h"}}}',
  WORKING_HOURS: '09:00-17:00',
});
const NONE = { emergencyNumbers: null, deadlines: null, workingHours: null };
const HOUR = 3_600_000;

describe('estateSettings', () => {
  it("is the install's settings when the estate has none of its own", () => {
    const settings = estateSettings(NONE, install);
    expect(settings.emergencyNumbers).toEqual(install.emergencyNumbers);
    expect(settings.deadlines).toBe(install.deadlines);
    expect(settings.workingHours).toBe(install.workingHours);
  });

  it("reads the estate's numbers and deadlines over the install's, and its working hours instead of them", () => {
    const settings = estateSettings(
      {
        emergencyNumbers: 'lift=,police=999',
        deadlines: '{"upkeep":{"urgent":{"resolution":"8h"}}}',
        workingHours: '08:30-12:00,13:00-17:30',
      },
      install,
    );
    expect(settings.emergencyNumbers).toEqual({ fire: '119', ambulance: '120', police: '999', gas: '96777' });
    expect(settings.deadlines.upkeep.urgent).toEqual({ responseMs: 1 * HOUR, resolutionMs: 8 * HOUR });
    // The install's own change of a cell the estate does not touch stays.
    expect(settings.deadlines.water_supply.normal.responseMs).toBe(2 * HOUR);
    expect(settings.workingHours).toEqual([
      { start: 8 * 60 + 30, end: 12 * 60 },
      { start: 13 * 60, end: 17 * 60 + 30 },
    ]);
  });

  it('names the setting that does not read, and falls back to the install for it alone', () => {
    const bad = { emergencyNumbers: 'lift=96333', deadlines: '{"upkeep":', workingHours: '18:00-09:00' };
    expect(checkEstateSettings(bad, install)).toEqual({
      setting: 'deadlines',
      problem: expect.stringContaining('JSON'),
    });
    expect(checkEstateSettings({ ...bad, deadlines: null }, install)).toEqual({
      setting: 'workingHours',
      problem: expect.stringContaining('ends before it starts'),
    });
    expect(checkEstateSettings({ ...NONE, emergencyNumbers: 'boat=1' }, install)?.setting).toBe('emergencyNumbers');
    expect(checkEstateSettings(NONE, install)).toBeUndefined();
    const settings = estateSettings(bad, install);
    expect(settings.emergencyNumbers.lift).toBe('96333');
    expect(settings.deadlines).toBe(install.deadlines);
    expect(settings.workingHours).toBe(install.workingHours);
  });
});
