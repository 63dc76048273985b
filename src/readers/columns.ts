import { fold } from "../domain/text/fold.js";

/*
 * The spreadsheet layout of a plan (CSV and the "Kế hoạch" sheet), with the Vietnamese headers
 * admins type. Headers match without regard to case or diacritics.
 */

export type PlanColumnKey = "ref" | "title" | "body" | "unit" | "cooperating" | "deadline";

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  aliases: string[];
  required: boolean;
  width: number;
}

export const PLAN_COLUMNS: readonly ColumnSpec<PlanColumnKey>[] = [
  {
    key: "ref",
    header: "Mã",
    aliases: ["ma nhiem vu", "so hieu", "ky hieu"],
    required: true,
    width: 10,
  },
  {
    key: "title",
    header: "Nhiệm vụ",
    aliases: ["ten nhiem vu", "tieu de"],
    required: true,
    width: 50,
  },
  {
    key: "body",
    header: "Nội dung",
    aliases: ["noi dung chi tiet", "mo ta"],
    required: false,
    width: 70,
  },
  {
    key: "unit",
    header: "Đơn vị chủ trì",
    aliases: ["chu tri", "co quan chu tri", "don vi thuc hien"],
    required: true,
    width: 32,
  },
  {
    key: "cooperating",
    header: "Đơn vị phối hợp",
    aliases: ["phoi hop", "co quan phoi hop"],
    required: false,
    width: 32,
  },
  {
    key: "deadline",
    header: "Thời hạn",
    aliases: ["thoi gian hoan thanh", "thoi gian thuc hien", "thoi han hoan thanh", "han"],
    required: true,
    width: 24,
  },
];

export type PlanInfoKey = "code" | "title" | "issuer" | "period";

/** Rows above the header (CSV) or in the "Thông tin" sheet: label, value. */
export const PLAN_INFO_FIELDS: readonly { key: PlanInfoKey; label: string; aliases: string[] }[] = [
  { key: "code", label: "Mã kế hoạch", aliases: [] },
  { key: "title", label: "Tên kế hoạch", aliases: ["ke hoach", "tieu de ke hoach"] },
  { key: "issuer", label: "Cơ quan ban hành", aliases: ["don vi ban hanh", "noi ban hanh"] },
  { key: "period", label: "Giai đoạn", aliases: ["thoi ky", "nam"] },
];

/** "Thời hạn (*)", "THOI HAN:" → "thoi han". */
export function headerKey(text: string): string {
  return fold(text)
    .replace(/\(.*?\)/g, "")
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function matches(
  text: string,
  spec: { header?: string; label?: string; aliases: string[] },
): boolean {
  const key = headerKey(text);
  const name = spec.header ?? spec.label ?? "";
  return key !== "" && (key === headerKey(name) || spec.aliases.includes(key));
}

/** Column index of each known column in a header row. */
export function matchHeader<K extends string>(
  cells: readonly string[],
  columns: readonly ColumnSpec<K>[],
): Map<K, number> {
  const found = new Map<K, number>();
  cells.forEach((cell, index) => {
    const spec = columns.find((c) => !found.has(c.key) && matches(cell, c));
    if (spec) found.set(spec.key, index);
  });
  return found;
}

export function planInfoKey(label: string): PlanInfoKey | undefined {
  return PLAN_INFO_FIELDS.find((f) => matches(label, f))?.key;
}
