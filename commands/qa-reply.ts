import { encodeButtonData } from "../src/core/button-data.js";
import { t } from "../src/i18n.js";
import type { QaAnswer } from "../src/services/qa.js";
import { conversationKey } from "./conversation.js";
import type { CommandContext } from "./types.js";

/** Send a Q&A answer; when two rules score close, offer the choices (buttons and numbers). */
export async function replyWithAnswer(ctx: CommandContext, result: QaAnswer): Promise<void> {
  if (!result.ambiguous || result.alternatives.length === 0) {
    ctx.reply(result.answer);
    return;
  }
  const choices = result.alternatives.slice(0, 9);
  await ctx.services.followUps.ask(
    conversationKey(ctx),
    { kind: "qa", ruleIds: choices.map((c) => c.ruleId) },
    ctx.services.clock.now(),
  );
  ctx.reply(
    `${result.answer}\n${t("qaChat.chooseHint", {}, ctx.locale)}`,
    choices.map((choice, index) => [
      {
        label: `${index + 1}. ${choice.title}`.slice(0, 60),
        data: encodeButtonData({ kind: "qa", ruleId: choice.ruleId }),
      },
    ]),
  );
}
