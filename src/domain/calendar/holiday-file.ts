import { z } from "zod";
import { isLocalDate, weekdayOf } from "./local-date.js";

/**
 * Format of data/holidays/vn-YYYY.json (documented in data/holidays/README.md).
 * - holiday: a public holiday (Bộ luật Lao động 2019, art. 112) — a day off;
 * - compensatory_day_off: a weekday off given back for a holiday that fell on a weekend, or swapped
 *   against a working Saturday ("nghỉ bù" / "hoán đổi ngày làm việc");
 * - working_saturday: a Saturday worked in exchange ("làm bù") — a working day.
 */
export const holidayKindSchema = z.enum(["holiday", "compensatory_day_off", "working_saturday"]);
export type HolidayKind = z.infer<typeof holidayKindSchema>;

const localDateSchema = z.string().refine(isLocalDate, { message: "expected a date YYYY-MM-DD" });

export const holidayEntrySchema = z
  .object({
    date: localDateSchema,
    name: z.string().trim().min(1),
    kind: holidayKindSchema,
    /** Not yet confirmed by the official announcement for that year: the admin must check it. */
    provisional: z.boolean().optional(),
    note: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (!isLocalDate(entry.date)) return; // already reported by the field's own check
    const weekday = weekdayOf(entry.date);
    if (entry.kind === "working_saturday" && weekday !== 6) {
      ctx.addIssue({
        code: "custom",
        message: `${entry.date} is a working Saturday but not a Saturday`,
      });
    }
    if (entry.kind === "compensatory_day_off" && (weekday === 0 || weekday === 6)) {
      ctx.addIssue({
        code: "custom",
        message: `${entry.date} is a day off in lieu but falls on a weekend`,
      });
    }
    if (entry.provisional === true && entry.note === undefined) {
      ctx.addIssue({ code: "custom", message: `${entry.date} is provisional: say why in "note"` });
    }
  });
export type HolidayEntry = z.infer<typeof holidayEntrySchema>;

export const holidayFileSchema = z
  .object({
    $comment: z.string().optional(),
    year: z.number().int().min(2000).max(2100),
    /** The official announcement the entries come from (number, date, issuer). */
    source: z.string().trim().min(1),
    entries: z.array(holidayEntrySchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.entries.forEach((entry, i) => {
      if (!entry.date.startsWith(`${file.year}-`)) {
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, "date"],
          message: `${entry.date} is not in ${file.year}`,
        });
      }
      if (seen.has(entry.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["entries", i, "date"],
          message: `${entry.date} is listed twice`,
        });
      }
      seen.add(entry.date);
    });
  });
export type HolidayFile = z.infer<typeof holidayFileSchema>;

/** Validate one parsed JSON file; throws an Error naming the file and every problem. */
export function parseHolidayFile(raw: unknown, fileName = "holiday file"): HolidayFile {
  const result = holidayFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.join(".") || "(root)"}: ${i.message}`,
    );
    throw new Error(`${fileName} is not a valid holiday file:\n- ${problems.join("\n- ")}`);
  }
  const expectedName = `vn-${result.data.year}.json`;
  if (fileName.endsWith(".json") && !fileName.endsWith(expectedName)) {
    throw new Error(`${fileName} holds year ${result.data.year}; name it ${expectedName}`);
  }
  return result.data;
}

/** Entries marked provisional, so that the admin can be told what to check. */
export function provisionalEntries(files: readonly HolidayFile[]): HolidayEntry[] {
  return files.flatMap((f) => f.entries.filter((e) => e.provisional === true));
}
