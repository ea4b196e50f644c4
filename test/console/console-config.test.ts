import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('CONSOLE_IDLE_MINUTES', () => {
  it('defaults to an hour and takes whole minutes up to a week', () => {
    expect(loadConfig({}).consoleIdleMinutes).toBe(60);
    expect(loadConfig({ CONSOLE_IDLE_MINUTES: '15' }).consoleIdleMinutes).toBe(15);
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['0', '1.5', 'soon', String(7 * 24 * 60 + 1)]) {
      expect(() => loadConfig({ CONSOLE_IDLE_MINUTES: value }), value).toThrow(ConfigError);
      expect(() => loadConfig({ CONSOLE_IDLE_MINUTES: value }), value).toThrow(/^CONSOLE_IDLE_MINUTES: /);
    }
  });
});
