import type { ParsedReport } from "./parse-report.js";
import type { ReportStatus } from "./status.js";

/** The fields of a task's occurrence that a status report sets. */
export interface ReportedState {
  status: ReportStatus;
  /** 0–100; 100 only when done, null when nothing is known. */
  progress: number | null;
  note: string | null;
  statusAt: Date;
  doneAt: Date | null;
}

/**
 * The occurrence after a report, never contradictory: "done" is 100 % with a completion time;
 * any other status has no completion time and less than 100 % — a percentage carried over from
 * an earlier "xong" is dropped rather than shown as "đang thực hiện, 100 %".
 */
export function stateAfterReport(
  current: { status: ReportStatus; progress: number | null },
  report: Pick<ParsedReport, "status" | "progress" | "note">,
  now: Date,
): ReportedState {
  const note = report.note ?? null;
  if (report.status === "done") {
    return { status: "done", progress: 100, note, statusAt: now, doneAt: now };
  }
  if (report.status === "not_started") {
    return { status: "not_started", progress: null, note, statusAt: now, doneAt: null };
  }
  const carried = current.status === "done" ? null : current.progress;
  const progress = report.progress ?? carried;
  return {
    status: report.status,
    progress: progress === null || progress >= 100 ? null : progress,
    note,
    statusAt: now,
    doneAt: null,
  };
}
