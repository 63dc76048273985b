import type { ReportStatus } from "../reports/status.js";

/** The four official buckets for tracking assigned tasks (done? × late?). */
export const BUCKETS = ["doneOnTime", "doneLate", "openInTime", "openLate"] as const;
export type Bucket = (typeof BUCKETS)[number];
export type BucketCounts = Record<Bucket, number>;

export interface DigestUnit {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

/** The occurrence's own fields before a change (StatusReport.previous). */
export interface StatusSnapshot {
  status: ReportStatus;
  progress: number | null;
  note: string | null;
  doneAt: Date | null;
}

export interface DigestReport {
  at: Date;
  status: ReportStatus;
  progress: number | null;
  note: string | null;
  proposedDate: string | null;
  undoneAt: Date | null;
  /** State of the occurrence right before this report. */
  previous: StatusSnapshot;
  /** Who reported (display name) and through which channel; for the workbook. */
  by: string | null;
  channel: string;
}

/** An accepted extension (/giahan), from the audit log. */
export interface DigestExtension {
  at: Date;
  newDue: string;
}

/**
 * One occurrence as the digest sees it: plain data, loaded by the service. Dates are
 * "YYYY-MM-DD"; instants are Dates. `reports` and `extensions` are oldest first.
 */
export interface DigestOccurrence {
  id: number;
  code: string;
  unitId: number;
  planCode: string;
  taskRef: string;
  taskTitle: string;
  /** "Thường xuyên", or no calendar date yet: periodic check-ins, never late. */
  ongoing: boolean;
  /** No calendar date yet ("Theo kế hoạch riêng"): also `ongoing`; shown as "chưa có thời hạn". */
  undated?: boolean;
  periodKey: string;
  periodStart: string;
  dueDate: string | null;
  extendedDue: string | null;
  status: ReportStatus;
  progress: number | null;
  note: string | null;
  statusAt: Date | null;
  doneAt: Date | null;
  reports: DigestReport[];
  extensions: DigestExtension[];
}

export interface DigestState {
  units: DigestUnit[];
  occurrences: DigestOccurrence[];
}

/** A week, Monday to Sunday, looked at as of `asOf` (exclusive: the end of the week, or earlier). */
export interface DigestPeriod {
  /** ISO week, e.g. "2024-W47". */
  key: string;
  start: string;
  end: string;
  asOf: Date;
  /** asOf is the end of the week (not a week still under way). */
  complete: boolean;
}

/** An occurrence's state at an instant, reconstructed from its reports. */
export interface OccurrenceAsOf {
  status: ReportStatus;
  progress: number | null;
  note: string | null;
  doneAt: Date | null;
  extendedDue: string | null;
  proposedDate: string | null;
  /** When it last changed (the report that set it), if known. */
  since: Date | null;
}
