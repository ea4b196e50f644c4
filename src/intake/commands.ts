/** Platform-neutral commands residents and staff can send; `/start@MyBot` and Chinese aliases included. */
export type Command =
  | { name: 'start' }
  | { name: 'help' }
  | { name: 'mytickets' }
  | { name: 'lang'; arg: string }
  | { name: 'join'; arg: string }
  | { name: 'cancel' }
  | { name: 'other'; verb: string; arg: string };

const ALIASES: Record<string, Command['name']> = {
  我的反映: 'mytickets',
  我的工单: 'mytickets',
  我的報修: 'mytickets',
  我的反應: 'mytickets',
  我的案件: 'mytickets',
  'my tickets': 'mytickets',
  帮助: 'help',
  幫助: 'help',
  说明: 'help',
  說明: 'help',
  取消: 'cancel',
};

/** Parses a command, or returns undefined for ordinary text. */
export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  const alias = ALIASES[trimmed.toLowerCase()];
  if (alias === 'mytickets' || alias === 'help' || alias === 'cancel') return { name: alias };
  const match = /^\/([a-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/i.exec(trimmed);
  if (!match) return undefined;
  const verb = match[1]!.toLowerCase();
  const arg = (match[2] ?? '').trim();
  switch (verb) {
    case 'start':
    case 'help':
    case 'mytickets':
    case 'cancel':
      return { name: verb };
    case 'lang':
    case 'language':
      return { name: 'lang', arg };
    case 'join':
      return { name: 'join', arg };
    default:
      return { name: 'other', verb, arg };
  }
}
