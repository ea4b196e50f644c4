import { describe, expect, it } from 'vitest';
import { messages, LOCALES } from '../../src/i18n/index.ts';
import { DEFAULT_EMERGENCY_NUMBERS } from '../../src/tickets/emergency-numbers.ts';
import { HAZARDS, type Hazard } from '../../src/tickets/hazard.ts';

// A word of the advice each danger must give, per language: what to do now, not a generic line.
const ADVICE: Record<(typeof LOCALES)[number], Record<Hazard, RegExp>> = {
  'zh-CN': {
    trapped: /警铃.*不要扒门/,
    gas: /不要开关电灯.*打开门窗.*离开/,
    fire: /走楼梯.*不要乘电梯/,
    water: /关闭进水阀门.*远离电器/,
    injury: /拨打 120/,
    falling: /远离下方/,
    other: /远离危险/,
  },
  'zh-TW': {
    trapped: /警鈴.*不要扳開/,
    gas: /不要開關電燈.*打開門窗.*離開/,
    fire: /走樓梯.*不要搭電梯/,
    water: /關閉進水閥.*遠離電器/,
    injury: /撥打 120/,
    falling: /遠離下方/,
    other: /遠離危險/,
  },
  en: {
    trapped: /alarm.*do not force the doors/,
    gas: /do not switch lights.*open windows.*leave/,
    fire: /leave by the stairs.*never the lift/,
    water: /close the water valve.*keep away from electrics/,
    injury: /call 120/,
    falling: /keep away from the area below/,
    other: /Keep away from the danger/,
  },
};

describe('urgent receipt', () => {
  for (const locale of LOCALES) {
    for (const hazard of HAZARDS) {
      it(`${locale}, ${hazard}: says what to do and whom to call before the reference, and promises no reply time`, () => {
        const m = messages(locale);
        const text = m.urgentReceipt({
          reference: 'U-0042',
          category: 'upkeep',
          hazard,
          numbers: DEFAULT_EMERGENCY_NUMBERS,
          place: '5号楼',
        });
        expect(text.startsWith('🚨')).toBe(true);
        expect(text).toMatch(ADVICE[locale][hazard]);
        const reference = text.indexOf('U-0042');
        expect(reference).toBeGreaterThan(0);
        for (const number of ['96333', '119', '120', '110']) {
          expect(text.indexOf(number)).toBeGreaterThan(-1);
          expect(text.indexOf(number)).toBeLessThan(reference);
        }
        expect(text.search(ADVICE[locale][hazard])).toBeLessThan(reference);
        expect(text).not.toMatch(/1 ?小时内|1 hour|1 小時內/);
      });
    }

    it(`${locale}: uses the configured numbers and leaves out a service without one`, () => {
      const m = messages(locale);
      const hongKong = { fire: '999', ambulance: '999', police: '999' };
      const trapped = m.urgentReceipt({
        reference: 'U-0001',
        category: 'upkeep',
        hazard: 'trapped',
        numbers: hongKong,
      });
      expect(trapped).toContain('999');
      expect(trapped).not.toMatch(/96333|119|120|110/);
      const gas = m.urgentReceipt({
        reference: 'S-0001',
        category: 'security',
        hazard: 'gas',
        numbers: { ...DEFAULT_EMERGENCY_NUMBERS, gas: '96777' },
      });
      expect(gas).toContain('96777');
      expect(gas.indexOf('96777')).toBeLessThan(gas.indexOf('S-0001'));
      const injury = m.urgentReceipt({ reference: 'O-0001', category: 'other', hazard: 'injury', numbers: {} });
      expect(injury).not.toMatch(/(?<!\d)\d{3}(?!\d)/);
      expect(injury).toContain('O-0001');
    });
  }

  it('names the danger on the staff card of an urgent ticket', () => {
    const card = (locale: (typeof LOCALES)[number]) =>
      messages(locale).staff.card({
        reference: 'U-0001',
        category: 'upkeep',
        urgent: true,
        hazard: 'trapped',
        place: '5号楼',
        summary: '电梯困人',
        reporters: 1,
        status: 'open',
        hasPhoto: false,
        threaded: true,
      });
    expect(card('zh-CN').split('\n')[0]).toContain('🚨【紧急·电梯困人】');
    expect(card('zh-TW').split('\n')[0]).toContain('🚨【緊急·電梯困人】');
    expect(card('en').split('\n')[0]).toContain('🚨 URGENT (trapped in a lift)');
  });
});
