import { actorOf } from "../src/services/audit.js";
import type { CommandContext } from "./types.js";

/** Records that `subject` was refused to this caller (who asked, with which role). */
export async function auditRefusal(ctx: CommandContext, subject: string): Promise<void> {
  await ctx.services.audit.record(
    {
      actor: actorOf(ctx.account),
      action: "command.refused",
      subject,
      details: { role: ctx.account.role },
    },
    ctx.services.clock.now(),
  );
}
