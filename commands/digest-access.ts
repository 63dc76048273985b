import { t } from "../src/i18n.js";
import { mayAskDigest } from "../src/services/digest/targets.js";
import { auditRefusal } from "./refusal.js";
import type { CommandContext } from "./types.js";

/** Whether /tonghop and /xuatexcel are for this caller here (what /trogiup lists). */
export const digestAllowed = (account: { role: string }, chat: { purpose: string }): boolean =>
  mayAskDigest(account, chat);

/**
 * /tonghop and /xuatexcel are for leaders, admins and linked leadership or secretariat groups
 * (a group may ask whoever types). Refuses, audited, and returns false for anyone else.
 */
export async function allowDigest(
  ctx: CommandContext,
  command: "tonghop" | "xuatexcel",
): Promise<boolean> {
  if (mayAskDigest(ctx.account, ctx.chat)) return true;
  await auditRefusal(ctx, command);
  ctx.reply(t(`commands.${command}.notAllowed`, {}, ctx.locale));
  return false;
}
