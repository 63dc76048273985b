import { z } from "zod";
import { t, type Locale } from "../../i18n.js";

/** Status words of Vietnamese task tracking, in the order a task usually goes through them. */
export const REPORT_STATUSES = [
  "not_started",
  "in_progress",
  "blocked",
  "extension_requested",
  "done",
] as const;

export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** "chưa thực hiện", "đang thực hiện", "gặp vướng mắc", "đề nghị gia hạn", "hoàn thành". */
export function reportStatusLabel(status: ReportStatus, locale?: Locale): string {
  return t(`report.status.${status}`, {}, locale);
}
