import type { ParsedPlan } from "../domain/plan/types.js";
import { PLAN_COLUMNS } from "./columns.js";
import { readCsvRows } from "./csv-rows.js";
import { planFromRows, type TableOptions } from "./table.js";

/**
 * A plan as CSV: optional rows "Tên kế hoạch;…", "Cơ quan ban hành;…", "Giai đoạn;…",
 * "Mã kế hoạch;…", then the header (Mã, Nhiệm vụ, Nội dung, Đơn vị chủ trì, Đơn vị phối hợp,
 * Thời hạn) and one task per row. Errors name line numbers.
 */
export function readPlanCsv(
  content: Buffer | string,
  file: string,
  options: TableOptions = {},
): ParsedPlan {
  return planFromRows(readCsvRows(content, file, PLAN_COLUMNS), file, options);
}
