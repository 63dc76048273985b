import { z } from "zod";
import { isValidDate, parseIsoDate } from "./calendar.js";

/** A date that comes back: every year, every month, every quarter (or a one-off date among them). */
export type RecurringDeadline =
  | { kind: "once"; due: string } // "YYYY-MM-DD"
  | { kind: "yearly"; month: number; day: number }
  | { kind: "monthly"; day: number } // day 31 (or more than the month has): the month's last day
  | { kind: "quarterly"; month: number; day: number }; // day D of the quarter's M-th month (M 1..3)

/** A deadline as written in a plan, in normalised form (also the JSON contract). */
export type Deadline =
  | { kind: "ongoing" }
  | RecurringDeadline
  | { kind: "years"; years: number[] } // due 31/12 of each year
  | { kind: "several"; deadlines: RecurringDeadline[] }; // two or more dates, e.g. 01/6 and 15/11 each year

export type DeadlineKind = Deadline["kind"];

export const DEADLINE_ERROR_CODES = [
  "empty",
  "unknown_phrase",
  "impossible_date",
  "ambiguous",
  "missing_year",
  "reversed_range",
  "unsupported_recurrence",
] as const;

export type DeadlineErrorCode = (typeof DEADLINE_ERROR_CODES)[number];

/**
 * Why a phrase that was understood names no calendar date:
 * - conditional: it waits for an event ("Sau khi Nghị định … được ban hành", "khi có yêu cầu");
 * - other_plan: another plan or schedule decides ("Theo kế hoạch riêng", "Theo tiến độ …");
 * - unspecified: periodic with no period ("Định kỳ"), or "theo quy định".
 */
export const UNDATED_REASONS = ["conditional", "other_plan", "unspecified"] as const;
export type UndatedReason = (typeof UNDATED_REASONS)[number];

export type DeadlineParseResult =
  | { ok: true; deadline: Deadline }
  | { ok: true; deadline: null; undated: UndatedReason }
  | { ok: false; error: DeadlineErrorCode; detail?: string };

const yearSchema = z.number().int().min(1900).max(2199);

const onceSchema = z.strictObject({
  kind: z.literal("once"),
  due: z.string().refine((s) => parseIsoDate(s) !== null, {
    message: "due must be a real date written YYYY-MM-DD",
  }),
});

const yearlySchema = z
  .strictObject({
    kind: z.literal("yearly"),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  // 2000 is a leap year, so 29/02 is accepted (it falls on 28/02 in other years).
  .refine((d) => isValidDate(2000, d.month, d.day), {
    message: "day does not exist in that month",
  });

const monthlySchema = z.strictObject({
  kind: z.literal("monthly"),
  day: z.number().int().min(1).max(31),
});

const quarterlySchema = z.strictObject({
  kind: z.literal("quarterly"),
  month: z.number().int().min(1).max(3),
  day: z.number().int().min(1).max(31),
});

const recurringSchema: z.ZodType<RecurringDeadline> = z.discriminatedUnion("kind", [
  onceSchema,
  yearlySchema,
  monthlySchema,
  quarterlySchema,
]);

/** Validates the normalised JSON form, e.g. a `deadline:` field in a YAML/JSON plan file. */
export const deadlineSchema: z.ZodType<Deadline> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ongoing") }),
  onceSchema,
  yearlySchema,
  monthlySchema,
  quarterlySchema,
  z.strictObject({
    kind: z.literal("years"),
    years: z.array(yearSchema).min(1),
  }),
  z.strictObject({
    kind: z.literal("several"),
    deadlines: z.array(recurringSchema).min(2),
  }),
]);

/** A stored deadline: the normalised form, or null for a task without a calendar date. */
export const storedDeadlineSchema: z.ZodType<Deadline | null> = deadlineSchema.nullable();
