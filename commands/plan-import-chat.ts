/**
 * Plan import by file in a chat: an admin sends the plan (.docx, .pdf, .txt, .csv, .xlsx, .yaml)
 * in a private chat; the bot reads it, answers with the preview and "Nhập kế hoạch" / "Hủy"
 * buttons (or /xacnhan where there are no buttons), and imports only on confirmation within
 * 15 minutes. Anyone else's file is refused before it is downloaded.
 */
import { extname } from "node:path";
import { FileTooLargeError } from "../src/core/channel-errors.js";
import { PlanFileInvalid, formatPlanFileError, type ParsedPlan } from "../src/domain/plan/types.js";
import { render, t } from "../src/i18n.js";
import { planFileLimit } from "../src/readers/file-limits.js";
import { describeUnresolved, formatPreview } from "../src/services/plan-import-preview.js";
import { UnitsUnresolved } from "../src/services/plans.js";
import { conversationKey } from "./conversation.js";
import { actorOf } from "../src/services/audit.js";
import { auditRefusal } from "./refusal.js";
import type { FallbackHandler } from "./router.js";
import type { CommandContext } from "./types.js";
import { capabilitiesOf } from "../src/channels/capabilities.js";
import { encodeButtonData } from "../src/core/button-data.js";

/** Telegram lets a bot download files up to 20 MB; the readers' own limits are lower. */
export const PLAN_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** What readPlanFile reads. */
export const PLAN_FILE_EXTENSIONS = [
  ".docx",
  ".pdf",
  ".txt",
  ".md",
  ".csv",
  ".xlsx",
  ".yaml",
  ".yml",
  ".json",
];
/** Also handed to the reader, whose refusal says how to save it as .docx. */
const HANDED_TO_READER = [...PLAN_FILE_EXTENSIONS, ".doc"];
export const CONFIRM_BUTTON = encodeButtonData({ kind: "planImport", confirm: true });
export const CANCEL_BUTTON = encodeButtonData({ kind: "planImport", confirm: false });
/** Tasks and warnings listed in a chat preview (the CLI's --dry-run lists all). */
const CHAT_MAX_TASKS = 60;
const CHAT_MAX_WARNINGS = 20;
const CHAT_MAX_ERRORS = 20;

/** Only channels with inline buttons get them; the others confirm with /xacnhan. */
function hasButtons(ctx: CommandContext): boolean {
  return capabilitiesOf(ctx.message.channel).buttons;
}

async function isAdminNow(ctx: CommandContext): Promise<boolean> {
  // The account in the context may come from a short cache: ask the database.
  return (await ctx.services.accounts.currentRole(ctx.account.id)) === "admin";
}

async function refuse(ctx: CommandContext, action: string): Promise<void> {
  await auditRefusal(ctx, action);
  ctx.reply(t("planImport.chat.notAdmin", {}, ctx.locale));
}

async function download(ctx: CommandContext, name: string): Promise<Buffer | undefined> {
  const file = ctx.message.file;
  if (!file) return undefined;
  // The reader's limit for this kind of file, known before anything is fetched.
  const maxBytes = Math.min(planFileLimit(name), PLAN_FILE_MAX_BYTES);
  const tooLarge = () =>
    ctx.reply(
      t("planImport.chat.tooLarge", { mb: Math.round(maxBytes / 1024 / 1024) }, ctx.locale),
    );
  if (file.size !== undefined && file.size > maxBytes) {
    tooLarge();
    return undefined;
  }
  const fetcher = ctx.services.downloadFile;
  if (!fetcher) {
    ctx.reply(t("planImport.chat.cannotDownload", {}, ctx.locale));
    return undefined;
  }
  try {
    return await fetcher(ctx.message.channel, file, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      tooLarge();
      return undefined;
    }
    ctx.services.logger.warn({ err: error, file: file.name }, "plan file download failed");
    ctx.reply(t("planImport.chat.downloadFailed", {}, ctx.locale));
    return undefined;
  }
}

function fileErrors(ctx: CommandContext, file: string, error: PlanFileInvalid): string {
  const lines = [t("planImport.chat.badFile", { file, count: error.errors.length }, ctx.locale)];
  for (const problem of error.errors.slice(0, CHAT_MAX_ERRORS))
    lines.push(`  ${render(formatPlanFileError(problem), ctx.locale)}`);
  if (error.errors.length > CHAT_MAX_ERRORS)
    lines.push(
      `  ${t("planImport.more", { count: error.errors.length - CHAT_MAX_ERRORS }, ctx.locale)}`,
    );
  return lines.join("\n");
}

/** A file sent in a chat. */
async function receiveFile(ctx: CommandContext): Promise<void> {
  const { message } = ctx;
  const file = message.file;
  if (!file) return;
  if (message.chatKind !== "private") {
    // A file in a group is not for the bot; an admin is told where to send plans.
    if (ctx.account.role === "admin") ctx.reply(t("planImport.chat.privateOnly", {}, ctx.locale));
    return;
  }
  if (ctx.account.role !== "admin") {
    await refuse(ctx, "plan.import");
    return;
  }
  const name = file.name || "tep";
  const ext = extname(name).toLowerCase();
  if (!HANDED_TO_READER.includes(ext)) {
    ctx.reply(
      t(
        "planImport.chat.unsupported",
        { file: name, extensions: PLAN_FILE_EXTENSIONS.join(", ") },
        ctx.locale,
      ),
    );
    return;
  }
  const content = await download(ctx, name);
  if (!content) return;
  const now = ctx.services.clock.now();
  let parsed: ParsedPlan;
  try {
    // The readers (Word, PDF, Excel, YAML) load when a file first comes, not at start-up.
    const { readPlanFile } = await import("../src/readers/read-plan-file.js");
    parsed = await readPlanFile(content, name);
  } catch (error) {
    if (error instanceof PlanFileInvalid) {
      ctx.reply(fileErrors(ctx, name, error));
      return;
    }
    throw error;
  }
  let preview;
  try {
    // Names that match no unit are registered on confirmation (the preview lists them).
    preview = await ctx.services.planImports.preview(
      parsed,
      { file: name, now, actor: actorOf(ctx.account), createUnits: true },
      ctx.locale,
    );
  } catch (error) {
    if (error instanceof PlanFileInvalid) {
      ctx.reply(fileErrors(ctx, name, error));
      return;
    }
    throw error;
  }
  const text = formatPreview(preview, {
    locale: ctx.locale,
    maxTasks: CHAT_MAX_TASKS,
    maxWarnings: CHAT_MAX_WARNINGS,
    dryRun: false,
  });
  if (preview.summary.units.unresolved.length > 0) {
    // Collective names with no unit of their kind, tasks naming no unit: not fixable from chat.
    ctx.reply(`${text}\n\n${t("planImport.chat.unresolvedRefused", {}, ctx.locale)}`);
    return;
  }
  await ctx.services.planImports.store(
    conversationKey(ctx),
    { file: name, parsed, createUnits: preview.summary.units.created.length > 0 },
    now,
  );
  if (hasButtons(ctx)) {
    ctx.reply(`${text}\n\n${t("planImport.chat.askButtons", { minutes: 15 }, ctx.locale)}`, [
      [
        { label: t("planImport.chat.confirmButton", {}, ctx.locale), data: CONFIRM_BUTTON },
        { label: t("planImport.chat.cancelButton", {}, ctx.locale), data: CANCEL_BUTTON },
      ],
    ]);
  } else {
    ctx.reply(`${text}\n\n${t("planImport.chat.askCommand", { minutes: 15 }, ctx.locale)}`);
  }
}

/** The "Nhập kế hoạch" button or /xacnhan: import the previewed plan of this chat. */
export async function confirmImport(ctx: CommandContext): Promise<void> {
  const key = conversationKey(ctx);
  if (!(await isAdminNow(ctx))) {
    await ctx.services.planImports.cancel(key);
    await refuse(ctx, "plan.import.confirm");
    return;
  }
  const outcome = await ctx.services.planImports.confirm(key, {
    now: ctx.services.clock.now(),
    actor: actorOf(ctx.account),
    locale: ctx.locale,
    purpose: `plan-import:${ctx.message.channel}:${ctx.message.updateId}`,
  });
  if (outcome.ok) return; // "Đã nhập kế hoạch …" is in the outbox, written with the plan.
  if (outcome.reason === "expired") {
    ctx.reply(t("planImport.chat.expired", { minutes: 15 }, ctx.locale));
    return;
  }
  if (outcome.reason === "none") {
    ctx.reply(t("planImport.chat.nothingPending", {}, ctx.locale));
    return;
  }
  const error = "error" in outcome ? outcome.error : undefined;
  if (error instanceof UnitsUnresolved) {
    ctx.reply(
      [
        t("planImport.chat.unitsChanged", {}, ctx.locale),
        ...error.unresolved.map((u) => `  • ${describeUnresolved(u, ctx.locale)}`),
      ].join("\n"),
    );
    return;
  }
  if (error instanceof PlanFileInvalid) {
    ctx.reply(fileErrors(ctx, error.errors[0]?.file ?? "", error));
    return;
  }
  throw error;
}

/** Files, and the preview's buttons. */
export const planImportFallback: FallbackHandler = async (ctx) => {
  const { message } = ctx;
  if (message.file) {
    await receiveFile(ctx);
    return true;
  }
  if (message.callbackData === CONFIRM_BUTTON) {
    await confirmImport(ctx);
    return true;
  }
  if (message.callbackData === CANCEL_BUTTON) {
    const cancelled = await ctx.services.planImports.cancel(conversationKey(ctx));
    ctx.reply(
      t(cancelled ? "planImport.chat.cancelled" : "planImport.chat.nothingPending", {}, ctx.locale),
    );
    return true;
  }
  return false;
};
