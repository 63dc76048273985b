import type { DigestOccurrence, DigestReport, OccurrenceAsOf, StatusSnapshot } from "./types.js";

interface Change {
  at: number;
  /** The occurrence's state just before this change. */
  before: StatusSnapshot;
  /** When the state `before` was set, if known. */
  beforeSince: Date | null;
}

function after(report: DigestReport): StatusSnapshot {
  return {
    status: report.status,
    progress: report.progress,
    note: report.note,
    doneAt: report.status === "done" ? report.at : null,
  };
}

/** A report counts at `at` when it was made before `at` and not undone by then. */
function effective(report: DigestReport, at: number): boolean {
  return report.at.getTime() < at && (report.undoneAt === null || report.undoneAt.getTime() >= at);
}

/** The latest report not undone. */
function lastStanding(reports: readonly DigestReport[]): DigestReport | undefined {
  for (let i = reports.length - 1; i >= 0; i--) {
    const report = reports[i];
    if (report && report.undoneAt === null) return report;
  }
  return undefined;
}

function changedSince(report: DigestReport, at: number): boolean {
  return report.at.getTime() >= at || (report.undoneAt !== null && report.undoneAt.getTime() >= at);
}

/** Every change of status fields: each report, and each undo (which restores the state before). */
function changes(occ: DigestOccurrence): Change[] {
  const list: Change[] = [];
  occ.reports.forEach((report, i) => {
    const earlier = occ.reports.slice(0, i).reverse();
    const setter = earlier.find((r) => r.undoneAt === null || r.undoneAt > report.at);
    list.push({
      at: report.at.getTime(),
      before: report.previous,
      beforeSince: setter?.at ?? null,
    });
    if (report.undoneAt)
      list.push({ at: report.undoneAt.getTime(), before: after(report), beforeSince: report.at });
  });
  return list.sort((a, b) => a.at - b.at);
}

function extendedDueAt(occ: DigestOccurrence, at: number): string | null {
  if (occ.extensions.length === 0) return occ.extendedDue;
  let due: string | null = null;
  for (const extension of occ.extensions) if (extension.at.getTime() < at) due = extension.newDue;
  return due;
}

/**
 * The occurrence as it stood at instant `at` (exclusive): the state before the first change made
 * at or after `at`, or its current state when nothing changed since. Reports carry the state
 * they replaced, so the past is exact without a separate history table.
 */
export function occurrenceAsOf(occ: DigestOccurrence, at: Date): OccurrenceAsOf {
  const time = at.getTime();
  if (occ.extensions.length === 0 && !occ.reports.some((r) => changedSince(r, time))) {
    // Nothing happened at or after `at`: the current fields are the answer.
    const last = lastStanding(occ.reports);
    return {
      status: occ.status,
      progress: occ.progress,
      note: occ.note,
      doneAt: occ.doneAt,
      extendedDue: occ.extendedDue,
      proposedDate: last?.status === "extension_requested" ? last.proposedDate : null,
      since: occ.statusAt,
    };
  }
  const lastReport = [...occ.reports].reverse().find((r) => effective(r, time));
  const proposedDate =
    lastReport?.status === "extension_requested" ? lastReport.proposedDate : null;
  const extendedDue = extendedDueAt(occ, time);
  const next = changes(occ).find((change) => change.at >= time);
  if (next) {
    return { ...next.before, extendedDue, proposedDate, since: next.beforeSince };
  }
  // Accepting an extension moves "đề nghị gia hạn" back to in progress without a report.
  const acceptedLater = occ.extensions.some((e) => e.at.getTime() >= time);
  if (acceptedLater && lastReport?.status === "extension_requested") {
    return { ...after(lastReport), extendedDue, proposedDate, since: lastReport.at };
  }
  return {
    status: occ.status,
    progress: occ.progress,
    note: occ.note,
    doneAt: occ.doneAt,
    extendedDue,
    proposedDate,
    since: occ.statusAt,
  };
}
