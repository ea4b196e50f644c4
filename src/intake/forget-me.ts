import { messages } from '../i18n/index.ts';
import { deleteFiles, erasureOptions } from '../privacy/forget-resident.ts';
import type { ResidentTurn } from '../turn/turn.ts';

/** Button data of the `/forgetme` confirmation. */
const FORGET_YES = 'forget:yes';
const FORGET_NO = 'forget:no';

/** `/forgetme`: says what will be erased and what is kept, and asks for a press of the button. */
export function askToForget(ctx: ResidentTurn): void {
  const m = messages(ctx.locale);
  ctx.replies.reply({
    text: m.forgetMePrompt,
    buttons: [
      [
        { label: m.forgetMeConfirm, data: FORGET_YES },
        { label: m.forgetMeKeep, data: FORGET_NO },
      ],
    ],
    style: 'quick-replies',
  });
}

/**
 * The press of a `/forgetme` button; false when the data is not one. The erasure commits with the
 * turn (the answer to the resident is queued after it, so it still goes out); the resident's files
 * are deleted once the turn has committed.
 */
export async function handleForgetButton(ctx: ResidentTurn, data: string): Promise<boolean> {
  if (data !== FORGET_YES && data !== FORGET_NO) return false;
  const m = messages(ctx.locale);
  if (data === FORGET_NO) {
    ctx.replies.reply({ text: m.forgetMeKept });
    return true;
  }
  const report = await ctx.ports.personalData.eraseResident(ctx.resident.id, erasureOptions(ctx.now, 'request'));
  ctx.replies.afterCommit(() => deleteFiles(report.files));
  ctx.core.log.info({ residentId: ctx.resident.id, tickets: report.tickets }, 'resident erased at their request');
  ctx.replies.reply({ text: m.forgetMeDone });
  return true;
}
