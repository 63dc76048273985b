import { z } from "zod";
import { fold } from "../text/fold.js";
import { UNIT_KINDS, type UnitKind } from "../plan/types.js";

export type { UnitKind } from "../plan/types.js";

/** Vietnamese words accepted for a unit kind (CSV "Loại" column, or YAML written by hand). */
const KIND_WORDS: Record<string, UnitKind> = {
  so: "department",
  ban: "department",
  nganh: "department",
  "so, ban, nganh": "department",
  "co quan chuyen mon": "department",
  huyen: "district",
  "cap huyen": "district",
  "ubnd huyen": "district",
  "thi xa": "district",
  "thanh pho": "district",
  xa: "commune",
  "cap xa": "commune",
  "ubnd xa": "commune",
  phuong: "commune",
  "thi tran": "commune",
  "don vi su nghiep": "public_service",
  "don vi su nghiep cong lap": "public_service",
  khac: "other",
};

/** "department" or a Vietnamese word ("sở", "cấp huyện") → the kind; undefined if unknown. */
export function unitKindFromText(text: string): UnitKind | undefined {
  const key = fold(text);
  return (UNIT_KINDS as readonly string[]).includes(key) ? (key as UnitKind) : KIND_WORDS[key];
}

/** Short ASCII code: "SNV", "STTTT", "DAITU". */
export const unitCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/, "code: letters, digits, _ . - (at most 32)");

/** "YYYY-MM-DD" that is a real calendar date. */
export const isoDateSchema = z.string().refine((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === s;
}, "date must be YYYY-MM-DD");

export const unitSchema = z.object({
  code: unitCodeSchema,
  name: z.string().trim().min(1),
  kind: z.string().transform((value, ctx): UnitKind => {
    const kind = unitKindFromText(value);
    if (kind === undefined) {
      ctx.addIssue({ code: "custom", message: `unknown unit kind "${value}"` });
      return z.NEVER;
    }
    return kind;
  }),
  parent: unitCodeSchema.optional(),
  aliases: z.array(z.string().trim().min(1)).default([]),
  /** false: no longer exists (see mergedInto/mergedAt); tasks for its kind skip it. */
  active: z.boolean().default(true),
  /** Code of the unit that took over this one's duties. */
  mergedInto: unitCodeSchema.optional(),
  /** The day the unit stopped existing (merged, or dissolved when mergedInto is absent). */
  mergedAt: isoDateSchema.optional(),
  /** The day a unit created by a merge started (e.g. Sở Nông nghiệp và Môi trường, 2025-03-01). */
  establishedAt: isoDateSchema.optional(),
});

export type Unit = z.output<typeof unitSchema>;
export type UnitInput = z.input<typeof unitSchema>;

export interface UnitReferenceProblem {
  index: number;
  field: "code" | "parent" | "mergedInto";
  code: string;
  problem: "duplicate_code" | "unknown_reference";
}

/** Duplicate codes, and parent/mergedInto codes that are not in the list. */
export function checkUnitReferences(units: readonly Unit[]): UnitReferenceProblem[] {
  const problems: UnitReferenceProblem[] = [];
  const codes = new Set<string>();
  units.forEach((u, index) => {
    if (codes.has(u.code))
      problems.push({ index, field: "code", code: u.code, problem: "duplicate_code" });
    codes.add(u.code);
  });
  units.forEach((u, index) => {
    for (const field of ["parent", "mergedInto"] as const) {
      const code = u[field];
      if (code !== undefined && !codes.has(code)) {
        problems.push({ index, field, code, problem: "unknown_reference" });
      }
    }
  });
  return problems;
}

/** A units file: `units: [{ code, name, kind, parent?, aliases?, active?, mergedInto?, mergedAt?, establishedAt? }]`. */
export const unitsFileSchema = z.object({ units: z.array(unitSchema) }).superRefine((file, ctx) => {
  for (const p of checkUnitReferences(file.units)) {
    ctx.addIssue({
      code: "custom",
      path: ["units", p.index, p.field],
      message: `${p.problem}: ${p.code}`,
    });
  }
});

export type UnitsFile = z.output<typeof unitsFileSchema>;

/**
 * Whether a unit exists on a day. With `asOf`, a unit exists from establishedAt and before
 * mergedAt; without, `active` decides (and a mergedAt alone means it has ended).
 */
export function isUnitActive(unit: Unit, asOf?: string): boolean {
  if (asOf !== undefined && unit.establishedAt !== undefined && asOf < unit.establishedAt) {
    return false;
  }
  if (unit.mergedAt !== undefined) {
    return asOf !== undefined ? asOf < unit.mergedAt : false;
  }
  return unit.active;
}
