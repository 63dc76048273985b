import { dayNumber, localDateOf } from "../calendar/local-date.js";
import type { Bucket, DigestOccurrence, OccurrenceAsOf } from "./types.js";

/** The due date that counts: an accepted extension replaces the plan's date. */
export function effectiveDue(occ: DigestOccurrence, state: OccurrenceAsOf): string | null {
  return state.extendedDue ?? occ.dueDate;
}

/**
 * The official bucket of an occurrence with a deadline, judged on `today`: done on time when it
 * was finished by its due date (local day), late when it is still open after it.
 * Ongoing tasks have no bucket (undefined).
 */
export function bucketOf(
  occ: DigestOccurrence,
  state: OccurrenceAsOf,
  today: string,
): Bucket | undefined {
  if (occ.ongoing) return undefined;
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
