import { z } from "zod";
import { isValidDate, parseIsoDate } from "./calendar.js";

/** A deadline as written in a plan, in normalised form (also the JSON contract). */
export type Deadline =
  | { kind: "ongoing" }
  | { kind: "once"; due: string } // "YYYY-MM-DD"
  | { kind: "yearly"; month: number; day: number }
  | { kind: "years"; years: number[] }; // due 31/12 of each year

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

export type DeadlineParseResult =
  { ok: true; deadline: Deadline } | { ok: false; error: DeadlineErrorCode; detail?: string };

const yearSchema = z.number().int().min(1900).max(2199);

/** Validates the normalised JSON form, e.g. a `deadline:` field in a YAML/JSON plan file. */
export const deadlineSchema: z.ZodType<Deadline> = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ongoing") }),
  z.strictObject({
    kind: z.literal("once"),
    due: z.string().refine((s) => parseIsoDate(s) !== null, {
      message: "due must be a real date written YYYY-MM-DD",
    }),
  }),
  z
    .strictObject({
      kind: z.literal("yearly"),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
    })
    // 2000 is a leap year, so 29/02 is accepted (it falls on 28/02 in other years).
    .refine((d) => isValidDate(2000, d.month, d.day), {
      message: "day does not exist in that month",
    }),
  z.strictObject({
    kind: z.literal("years"),
    years: z.array(yearSchema).min(1),
  }),
]);
