/**
 * A plan file sent in a chat waits here for the admin's confirmation: the parsed plan is kept as
 * JSON in the chat's Conversation row (kind "plan_import", 15 minutes, like a report's follow-up
 * question). Confirming claims the row, imports the plan and queues "Đã nhập kế hoạch …" in one
 * transaction: two confirmations import once, and a failed import leaves the preview pending.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ChannelName } from "../core/messages.js";
import { storedDeadlineSchema } from "../domain/deadline/types.js";
import { UNIT_KINDS, type ParsedPlan, type UnitKind } from "../domain/plan/types.js";
import { reminderPolicyOverrideSchema } from "../domain/reminders/policy.js";
import { messageParamSchema, t, type Locale } from "../i18n.js";
import { CONVERSATION_TTL_MS } from "./conversations.js";
import { enqueue } from "./outbox.js";
import {
  formatSummaryLines,
  formatWarningLines,
  planWarnings,
  previewPlanImport,
  type PlanImportPreview,
} from "./plan-import-preview.js";
import { importPlan, type PlanImportOptions, type PlanImportSummary } from "./plans.js";

export const PLAN_IMPORT_KIND = "plan_import";
/** How long a preview can be confirmed. */
export const PLAN_IMPORT_TTL_MS = CONVERSATION_TTL_MS;

const fileErrorSchema = z.object({
  file: z.string(),
  line: z.number().int().optional(),
  cell: z.string().optional(),
  sheet: z.string().optional(),
  message: messageParamSchema,
});

/** The parsed plan as stored in the pending row (validated again when it is read back). */
const storedPlanSchema = z.object({
  plan: z.object({
    code: z.string().min(1),
    title: z.string(),
    issuer: z.string(),
    period: z.string().nullable(),
    sourceText: z.string().optional(),
    reminderPolicy: reminderPolicyOverrideSchema.optional(),
  }),
  tasks: z.array(
    z.object({
      ref: z.string().min(1),
      unit: z.string(),
      assignees: z.object({
        unitNames: z.array(z.string()),
        unitKinds: z.array(z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]])),
      }),
      cooperating: z.array(z.string()),
      title: z.string(),
      body: z.string(),
      deadlineText: z.string(),
      deadline: storedDeadlineSchema,
      warning: messageParamSchema.optional(),
      line: z.number().int().optional(),
      reminderPolicy: reminderPolicyOverrideSchema.optional(),
    }),
  ),
  warnings: z.array(fileErrorSchema).default([]),
});

const pendingPlanImportSchema = z.object({
  kind: z.literal(PLAN_IMPORT_KIND),
  file: z.string(),
  createUnits: z.boolean(),
  parsed: storedPlanSchema,
});

export interface ChatKey {
  channel: ChannelName;
  chatId: string;
  accountId: number;
}

/** Keep a previewed plan until it is confirmed (replaces any earlier one of this chat). */
export async function storePendingImport(
  prisma: PrismaClient,
  key: ChatKey,
  pending: { file: string; parsed: ParsedPlan; createUnits: boolean },
  now: Date,
): Promise<Date> {
  const data = {
    kind: PLAN_IMPORT_KIND,
    file: pending.file,
    createUnits: pending.createUnits,
    parsed: pending.parsed,
  } as unknown as Prisma.InputJsonValue;
  const expiresAt = new Date(now.getTime() + PLAN_IMPORT_TTL_MS);
  await prisma.conversation.upsert({
    where: { channel_chatId_accountId: key },
    create: { ...key, kind: PLAN_IMPORT_KIND, data, expiresAt },
    update: { kind: PLAN_IMPORT_KIND, data, expiresAt },
  });
  return expiresAt;
}

/** Drop the pending import of this chat (the "Hủy" button); true when there was one. */
export async function cancelPendingImport(prisma: PrismaClient, key: ChatKey): Promise<boolean> {
  const { count } = await prisma.conversation.deleteMany({
    where: { ...key, kind: PLAN_IMPORT_KIND },
  });
  return count > 0;
}

export type ConfirmOutcome =
  | { ok: true; summary: PlanImportSummary; title: string }
  | { ok: false; reason: "none" | "expired" }
  | { ok: false; reason: "failed"; error: unknown };

class AlreadyClaimed extends Error {}

/**
 * Import the pending plan of this chat. The confirmation message goes to the outbox in the
 * import's transaction (`reply`: where to send it), so it exists exactly when the plan does.
 */
export async function confirmPendingImport(
  prisma: PrismaClient,
  key: ChatKey,
  options: { now: Date; actor: string; locale?: Locale; purpose: string },
): Promise<ConfirmOutcome> {
  const { now, locale } = options;
  const row = await prisma.conversation.findUnique({ where: { channel_chatId_accountId: key } });
  if (!row || row.kind !== PLAN_IMPORT_KIND) return { ok: false, reason: "none" };
  if (row.expiresAt <= now) {
    await prisma.conversation.deleteMany({ where: { ...key, kind: PLAN_IMPORT_KIND } });
    return { ok: false, reason: "expired" };
  }
  const stored = pendingPlanImportSchema.safeParse(row.data);
  if (!stored.success) {
    await prisma.conversation.deleteMany({ where: { ...key, kind: PLAN_IMPORT_KIND } });
    return { ok: false, reason: "none" };
  }
  const { file, createUnits } = stored.data;
  const parsed = stored.data.parsed as ParsedPlan;
  try {
    const summary = await importPlan(prisma, parsed, {
      file,
      actor: options.actor,
      now,
      createUnits,
      claim: async (tx) => {
        // Only the confirmation that deletes the row imports (a second one waits, then finds none).
        const claimed = await tx.conversation.deleteMany({
          where: { ...key, kind: PLAN_IMPORT_KIND, expiresAt: { gt: now } },
        });
        if (claimed.count !== 1) throw new AlreadyClaimed();
      },
      inTransaction: async (tx, summary) => {
        await enqueue(
          tx,
          {
            channel: key.channel,
            chatId: key.chatId,
            payload: { text: importedMessage(parsed, file, summary, locale) },
            purpose: options.purpose,
            dedupeKey: options.purpose,
          },
          now,
        );
      },
    });
    return { ok: true, summary, title: parsed.plan.title };
  } catch (error) {
    if (error instanceof AlreadyClaimed) return { ok: false, reason: "none" };
    return { ok: false, reason: "failed", error };
  }
}

/** "Đã nhập kế hoạch …" with what was added, changed and kept, and what could not be read. */
export function importedMessage(
  parsed: ParsedPlan,
  file: string,
  summary: PlanImportSummary,
  locale?: Locale,
): string {
  return [
    t(
      "planImport.imported",
      { title: parsed.plan.title, code: parsed.plan.code, count: parsed.tasks.length },
      locale,
    ),
    ...formatSummaryLines(summary, { done: true }, locale),
    ...formatWarningLines(planWarnings(parsed, file), locale, 20),
  ].join("\n");
}

/** Plan import by file in a chat (preview, keep, confirm, cancel), as commands see it. */
export interface PlanImportService {
  preview(
    parsed: ParsedPlan,
    options: Pick<PlanImportOptions, "file" | "now" | "createUnits" | "actor">,
    locale?: Locale,
  ): Promise<PlanImportPreview>;
  store(
    key: ChatKey,
    pending: { file: string; parsed: ParsedPlan; createUnits: boolean },
    now: Date,
  ): Promise<Date>;
  cancel(key: ChatKey): Promise<boolean>;
  confirm(
    key: ChatKey,
    options: { now: Date; actor: string; locale?: Locale; purpose: string },
  ): Promise<ConfirmOutcome>;
}

export function planImportService(prisma: PrismaClient): PlanImportService {
  return {
    preview: (parsed, options, locale) => previewPlanImport(prisma, parsed, options, locale),
    store: (key, pending, now) => storePendingImport(prisma, key, pending, now),
    cancel: (key) => cancelPendingImport(prisma, key),
    confirm: (key, options) => confirmPendingImport(prisma, key, options),
  };
}
