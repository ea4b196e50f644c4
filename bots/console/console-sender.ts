import type { Button, OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';

export const CONSOLE_PLATFORM = 'console';

/**
 * Buttons are keyed by letters, not numbers: a resident answers "which building?" or "rate 1–5" with
 * a number, and that must stay text.
 */
export function buttonKey(index: number): string {
  return String.fromCharCode(97 + index);
}

/** The button a typed line presses: its letter ("b") or its exact label ("解决了"). */
export function pressedButton<T extends { label: string }>(buttons: readonly T[], line: string): T | undefined {
  const typed = line.trim();
  const byKey = /^[a-z]$/i.test(typed) ? buttons[typed.toLowerCase().charCodeAt(0) - 97] : undefined;
  return byKey ?? buttons.find((b) => b.label === typed);
}

/**
 * Delivers outbox messages to a terminal: the text, then the buttons keyed `[a] …`, which the console
 * chat maps back to button presses when the user types the letter (or the label).
 */
export class ConsoleSender implements Sender {
  readonly platform = CONSOLE_PLATFORM;
  /** The buttons last shown, in the order they were numbered. */
  lastButtons: Button[] = [];

  constructor(private readonly write: (text: string) => void) {}

  async send(_chatId: string, message: OutgoingMessage): Promise<SendResult> {
    if (message.callbackAnswer) {
      // Button answers are toasts on Telegram; on the console only alerts (refusals) are worth a line.
      if (message.callbackAnswer.alert && message.text !== '') this.write(`bot> ⚠ ${message.text}\n`);
      return { kind: 'sent' };
    }
    const lines = message.text.split('\n').map((line, i) => (i === 0 ? `bot> ${line}` : `     ${line}`));
    if (message.buttons && message.buttons.length > 0) {
      this.lastButtons = message.buttons.flat();
      lines.push(`     ${this.lastButtons.map((b, i) => `[${buttonKey(i)}] ${b.label}`).join('  ')}`);
    }
    this.write(`${lines.join('\n')}\n`);
    return { kind: 'sent' };
  }
}
