import { z } from "zod";
import { localDateOf } from "../src/domain/calendar/index.js";
import { actorOf } from "../src/services/audit.js";
import { setDeadlineMessage } from "../src/services/plans.js";
import { defineCommand } from "./types.js";

/** "/dathan <mã kế hoạch> <nhiệm vụ> <thời hạn>": give a task its date (e.g. one the plan left undated). */
export const setDeadlineCommand = defineCommand({
  names: ["dathan", "setdeadline"],
  description: "commands.dathan.description",
  usage: "commands.dathan.usage",
  roles: [],
  args: z
    .tuple([z.string().min(1).max(100), z.string().min(1).max(40)], z.string())
    .refine((a) => a.length >= 3),
  async run(ctx, [planCode, ref, ...words]) {
    const phrase = words.join(" ");
    const now = ctx.services.clock.now();
    const outcome = await ctx.services.plans.setTaskDeadline({
      planCode,
      ref,
      phrase,
      actor: actorOf(ctx.account),
      now,
    });
    const today = localDateOf(now);
    ctx.reply(setDeadlineMessage(outcome, { planCode, ref, phrase, today }, ctx.locale));
  },
});
