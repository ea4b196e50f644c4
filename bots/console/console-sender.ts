import type { Button, OutgoingMessage, Sender, SendResult } from '../../src/outbox/outgoing-message.ts';

export const CONSOLE_PLATFORM = 'console';

/**
 * Delivers outbox messages to a terminal: the text, then the buttons numbered `[1] …`, which the
 * console chat maps back to button presses when the user types the number.
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
      lines.push(`     ${this.lastButtons.map((b, i) => `[${i + 1}] ${b.label}`).join('  ')}`);
    }
    this.write(`${lines.join('\n')}\n`);
    return { kind: 'sent' };
  }
}
