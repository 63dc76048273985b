import { actorOf } from "../src/services/audit.js";
import { t, type TranslationKey } from "../src/i18n.js";
import type { CommandContext, CommandDefinition } from "./types.js";

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

/** Commands with a way out worth naming when they are refused (key under router.hint). */
const HINTS: Partial<Record<string, TranslationKey>> = { giahan: "router.hint.giahan" };

/**
 * Why this caller may not use `command`, and what to do instead: admin-only commands say so
 * (with the caller's own way, e.g. /giahan → ask by /baocao); someone not linked is told how to
 * link; a linked person is told their role and where to find their commands.
 */
export function refusalText(
  command: CommandDefinition,
  ctx: CommandContext,
  typed: string,
): string {
  const { account, locale } = ctx;
  const hint = HINTS[command.names[0]];
  const extra = hint ? ` ${t(hint, {}, locale)}` : "";
  if (command.roles !== "everyone" && command.roles.length === 0)
    return `${t("router.adminOnly", { name: typed }, locale)}${extra}`;
  const allowed = (command.roles === "everyone" ? [] : command.roles)
    .map((role) => t(`roles.${role}`, {}, locale))
    .join(t("router.allowedJoin", {}, locale));
  if (account.role === "staff" && account.unitId === null)
    return `${t("router.notLinked", { name: typed, allowed }, locale)}${extra}`;
  return `${t(
    "router.notForRole",
    {
      name: typed,
      allowed,
      role: t(`roles.${account.role}`, {}, locale),
      unit: account.unit ? t("router.ofUnit", { unit: account.unit.name }, locale) : "",
    },
    locale,
  )}${extra}`;
}
