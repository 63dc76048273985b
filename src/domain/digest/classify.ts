import { dayNumber, localDateOf } from "../calendar/local-date.js";
import { dueOf, tracksDate, type OccurrenceFacts } from "../occurrences/standing.js";
import type { Bucket, DigestOccurrence, OccurrenceAsOf } from "./types.js";

/** The shared definition's view of a digest occurrence as it stood (src/domain/occurrences). */
export function factsOf(
  occ: DigestOccurrence,
  state: Pick<OccurrenceAsOf, "extendedDue" | "status">,
): OccurrenceFacts {
  return {
    kind: occ.undated ? "undated" : occ.ongoing ? "ongoing" : "dated",
    periodStart: occ.periodStart,
    dueDate: occ.dueDate,
    extendedDue: state.extendedDue,
    status: state.status,
  };
}

/** The due date that counts: an accepted extension replaces the plan's date. */
export function effectiveDue(occ: DigestOccurrence, state: OccurrenceAsOf): string | null {
  return dueOf(factsOf(occ, state));
}

/** Whether the occurrence is a check-in (ongoing, or undated without an accepted date). */
export function isCheckin(occ: DigestOccurrence, state: OccurrenceAsOf): boolean {
  return !tracksDate(factsOf(occ, state));
}

/**
 * The official bucket of an occurrence with a deadline, judged on `today`: done on time when it
 * was finished by its due date (local day), late when it is still open after it (the shared
 * definition of overdue). Check-ins have no bucket (undefined).
 */
export function bucketOf(
  occ: DigestOccurrence,
  state: OccurrenceAsOf,
  today: string,
): Bucket | undefined {
  if (isCheckin(occ, state)) return undefined;
  const due = effectiveDue(occ, state);
  if (state.status === "done") {
    const doneOn = state.doneAt ? localDateOf(state.doneAt) : null;
    return due === null || doneOn === null || doneOn <= due ? "doneOnTime" : "doneLate";
  }
  return due !== null && due < today ? "openLate" : "openInTime";
}

/** Calendar days from `due` to `today` (positive when late). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
