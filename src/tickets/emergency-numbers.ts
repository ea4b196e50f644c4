/** The emergency services a resident may be told to call, by the key used in EMERGENCY_NUMBERS. */
export const EMERGENCY_SERVICES = ['lift', 'fire', 'ambulance', 'police', 'gas'] as const;
export type EmergencyService = (typeof EMERGENCY_SERVICES)[number];

/**
 * The numbers to call, per service; a service without a number is not named in the advice (the gas
 * company's number, for one, differs from city to city).
 */
export type EmergencyNumbers = Readonly<Partial<Record<EmergencyService, string>>>;

/**
 * Mainland China: 96333 is the lift emergency rescue line of the market regulator, 119 the fire
 * brigade, 120 the ambulance, 110 the police. The gas company's line is local, so it has no default.
 */
export const DEFAULT_EMERGENCY_NUMBERS: EmergencyNumbers = Object.freeze({
  lift: '96333',
  fire: '119',
  ambulance: '120',
  police: '110',
});
