import { z } from "zod";
import { message, type Message } from "../../core/message-key.js";

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
export function reportStatusLabel(status: ReportStatus): Message {
  return message(`report.status.${status}`);
}

/** The status with the reported progress when work is under way: "đang thực hiện 40%". */
export function reportProgressLabel(status: ReportStatus, progress: number | null): Message {
  return status === "in_progress" && progress !== null
    ? message("report.progress", { status: reportStatusLabel(status), progress })
    : reportStatusLabel(status);
}
