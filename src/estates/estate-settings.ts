import { ConfigError, parseDeadlines, parseEmergencyNumbers, type Config } from '../config.ts';
import { workingHours as readWorkingHours, type WorkingHours } from '../calendar/working-hours.ts';
import type { DeadlineTable } from '../tickets/deadlines.ts';
import type { EmergencyNumbers } from '../tickets/emergency-numbers.ts';
import type { EstateSettingsText } from './estate.ts';
import type { EstateStore } from './estate-store.ts';

/** The settings in force for one estate: its own where it has them, the install's elsewhere. */
export interface EstateSettings {
  emergencyNumbers: EmergencyNumbers;
  deadlines: DeadlineTable;
  workingHours: WorkingHours;
}

type InstallSettings = Pick<Config, 'emergencyNumbers' | 'deadlines' | 'workingHours'>;

/** Which setting was wrong, and why (the message names the syntax to use). */
export type SettingProblem = { setting: keyof EstateSettingsText; problem: string };

function read(text: EstateSettingsText, install: InstallSettings): EstateSettings | SettingProblem {
  let emergencyNumbers = install.emergencyNumbers;
  let deadlines = install.deadlines;
  try {
    emergencyNumbers = parseEmergencyNumbers(text.emergencyNumbers ?? undefined, install.emergencyNumbers);
  } catch (error) {
    if (error instanceof ConfigError) return { setting: 'emergencyNumbers', problem: problemOf(error) };
    throw error;
  }
  try {
    deadlines = parseDeadlines(text.deadlines ?? undefined, install.deadlines);
  } catch (error) {
    if (error instanceof ConfigError) return { setting: 'deadlines', problem: problemOf(error) };
    throw error;
  }
  const hours = text.workingHours === null ? install.workingHours : readWorkingHours(text.workingHours);
  if (typeof hours === 'string') return { setting: 'workingHours', problem: hours };
  return { emergencyNumbers, deadlines, workingHours: hours };
}

function problemOf(error: ConfigError): string {
  return error.message.slice(error.variable.length + 2);
}

/** The first problem with an estate's settings as the operator wrote them, or undefined when they read. */
export function checkEstateSettings(text: EstateSettingsText, install: InstallSettings): SettingProblem | undefined {
  const result = read(text, install);
  return 'problem' in result ? result : undefined;
}

/**
 * The settings in force for an estate: each of its own over the install's (EMERGENCY_NUMBERS,
 * DEADLINES, WORKING_HOURS). Settings are checked when they are recorded; should one no longer read
 * (an install upgraded to stricter rules), the install's value is used for it rather than failing a
 * resident's message.
 */
export function estateSettings(text: EstateSettingsText, install: InstallSettings): EstateSettings {
  const result = read(text, install);
  if (!('problem' in result)) return result;
  return estateSettings({ ...text, [result.setting]: null }, install);
}

/** The settings in force for the estate of this id: its own over the install's (the install's when there is none). */
export async function settingsOf(
  estates: Pick<EstateStore, 'findById'>,
  estateId: number,
  install: InstallSettings,
): Promise<EstateSettings> {
  const estate = await estates.findById(estateId);
  if (estate) return estateSettings(estate.settings, install);
  return {
    emergencyNumbers: install.emergencyNumbers,
    deadlines: install.deadlines,
    workingHours: install.workingHours,
  };
}
