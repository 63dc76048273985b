import { addDays, instantAt, localDateOf } from "../calendar/local-date.js";
import { occurrenceAsOf } from "./as-of.js";
import { counts as countsOn, DUE_SOON_DAYS, tracksDate } from "../occurrences/standing.js";
import { bucketOf, daysBetween, effectiveDue, factsOf } from "./classify.js";
import { lastDayIn, referenceDay } from "./period.js";
import {
  BUCKETS,
  type BucketCounts,
  type DigestOccurrence,
  type DigestPeriod,
  type DigestState,
  type DigestUnit,
  type OccurrenceAsOf,
} from "./types.js";

export interface DigestItem {
  code: string;
  unitCode: string;
  unitName: string;
  title: string;
}

export interface AttentionItem extends DigestItem {
  kind: "blocked" | "extension_requested";
  reason: string | null;
  proposedDate: string | null;
  since: string | null;
}

export interface OverdueItem extends DigestItem {
  due: string;
  daysLate: number;
  status: OccurrenceAsOf["status"];
  progress: number | null;
}

export interface DueSoonItem extends DigestItem {
  due: string;
  daysLeft: number;
  status: OccurrenceAsOf["status"];
  progress: number | null;
}

export interface UnitFigures {
  unitId: number;
  code: string;
  name: string;
  counts: BucketCounts;
  ongoing: number;
}

export interface SilentUnit {
  code: string;
  name: string;
  /** Its occurrences that are late or due within DUE_SOON_DAYS. */
  pending: number;
}

export interface Digest {
  period: DigestPeriod;
  /** The day figures are measured against (late = due before it). */
  today: string;
  /** Units with at least one task in the period (the scope's working units). */
  unitCount: number;
  counts: BucketCounts;
  /** The same figures at the end of the week before. */
  previous: BucketCounts;
  ongoing: { quarters: string[]; total: number; reported: number };
  /** Open check-in periods of tasks without a calendar date: never late, counted apart. */
  undated: { total: number; reported: number };
  attention: AttentionItem[];
  /** Most days late first. */
  overdue: OverdueItem[];
  /** Soonest first. */
  dueSoon: DueSoonItem[];
  /** Units with late or nearly due work that sent no report during the period. */
  silent: SilentUnit[];
  byUnit: UnitFigures[];
}

export function emptyCounts(): BucketCounts {
  return { doneOnTime: 0, doneLate: 0, openInTime: 0, openLate: 0 };
}

export function totalOf(counts: BucketCounts): number {
  return BUCKETS.reduce((sum, bucket) => sum + counts[bucket], 0);
}

/** Whether the occurrence's period began before `at` (string compare: this runs 40 000 times). */
function started(occ: DigestOccurrence, at: Date): boolean {
  return occ.periodStart <= localDateOf(new Date(at.getTime() - 1));
}

/** Unit names in Vietnamese alphabetical order (one collator: localeCompare builds one per call). */
export const VIETNAMESE = new Intl.Collator("vi");

function compareItems(a: DigestItem, b: DigestItem): number {
  return (
    VIETNAMESE.compare(a.unitName, b.unitName) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * The digest of a state over a period: the official buckets now and at the end of the week
 * before, the blocked and extension requests, the most overdue, what falls due next, the units
 * that stayed silent, and figures per unit for the chart. Pure: the state is plain data.
 */
export function buildDigest(state: DigestState, period: DigestPeriod): Digest {
  const units = new Map<number, DigestUnit>(state.units.map((u) => [u.id, u]));
  const today = referenceDay(period);
  const lastDay = lastDayIn(period);
  const previousAt = instantAt(period.start, "00:00");
  const periodStartAt = previousAt.getTime();
  const asOfAt = period.asOf.getTime();
  const soonUntil = addDays(today, DUE_SOON_DAYS - 1);

  const counts = emptyCounts();
  const previous = emptyCounts();
  const ongoing = { quarters: new Set<string>(), total: 0, reported: 0 };
  const undated = { total: 0, reported: 0 };
  const attention: AttentionItem[] = [];
  const overdue: OverdueItem[] = [];
  const dueSoon: DueSoonItem[] = [];
  const perUnit = new Map<number, UnitFigures>();
  const pendingByUnit = new Map<number, number>();
  const reportedUnits = new Set<number>();

  for (const unit of state.units) {
    perUnit.set(unit.id, {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      counts: emptyCounts(),
      ongoing: 0,
    });
  }

  for (const occ of state.occurrences) {
    const unit = units.get(occ.unitId);
    if (!unit) continue;
    if (
      !reportedUnits.has(unit.id) &&
      occ.reports.some((r) => r.at.getTime() >= periodStartAt && r.at.getTime() < asOfAt)
    )
      reportedUnits.add(unit.id);
    if (occ.periodStart > lastDay) continue;
    const now = occurrenceAsOf(occ, period.asOf);
    const item = (): DigestItem => ({
      code: occ.code,
      unitCode: unit.code,
      unitName: unit.name,
      title: occ.taskTitle,
    });
    const figures = perUnit.get(unit.id);

    if (now.status === "blocked" || now.status === "extension_requested") {
      attention.push({
        ...item(),
        kind: now.status,
        reason: now.note,
        proposedDate: now.proposedDate,
        since: now.since ? localDateOf(now.since) : null,
      });
    }

    if (!tracksDate(factsOf(occ, now))) {
      // A check-in counts while its period holds the week's last day (src/domain/occurrences).
      if (countsOn(factsOf(occ, now), lastDay)) {
        if (occ.undated) {
          undated.total += 1;
          if (now.status !== "not_started") undated.reported += 1;
          continue;
        }
        ongoing.quarters.add(occ.periodKey);
        ongoing.total += 1;
        if (now.status !== "not_started") ongoing.reported += 1;
        if (figures) figures.ongoing += 1;
      }
      continue;
    }

    const bucket = bucketOf(occ, now, today);
    if (!bucket) continue;
    counts[bucket] += 1;
    if (figures) figures.counts[bucket] += 1;
    if (occ.periodStart < period.start) {
      const before = bucketOf(occ, occurrenceAsOf(occ, previousAt), period.start);
      if (before) previous[before] += 1;
    }

    const due = effectiveDue(occ, now);
    if (due === null || now.status === "done") continue;
    if (bucket === "openLate") {
      overdue.push({
        ...item(),
        due,
        daysLate: daysBetween(due, today),
        status: now.status,
        progress: now.progress,
      });
      pendingByUnit.set(unit.id, (pendingByUnit.get(unit.id) ?? 0) + 1);
    } else if (due <= soonUntil) {
      dueSoon.push({
        ...item(),
        due,
        daysLeft: daysBetween(today, due),
        status: now.status,
        progress: now.progress,
      });
      pendingByUnit.set(unit.id, (pendingByUnit.get(unit.id) ?? 0) + 1);
    }
  }

  overdue.sort((a, b) => b.daysLate - a.daysLate || compareItems(a, b));
  dueSoon.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || compareItems(a, b));
  attention.sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "blocked" ? -1 : 1) || compareItems(a, b),
  );
  const silent: SilentUnit[] = [...pendingByUnit.entries()]
    .filter(([unitId]) => !reportedUnits.has(unitId))
    .map(([unitId, pending]) => {
      const unit = units.get(unitId);
      return { code: unit?.code ?? "", name: unit?.name ?? "", pending };
    })
    .sort((a, b) => b.pending - a.pending || VIETNAMESE.compare(a.name, b.name));

  return {
    period,
    today,
    unitCount: new Set(
      state.occurrences.filter((o) => started(o, period.asOf)).map((o) => o.unitId),
    ).size,
    counts,
    previous,
    ongoing: {
      quarters: [...ongoing.quarters].sort(),
      total: ongoing.total,
      reported: ongoing.reported,
    },
    undated,
    attention,
    overdue,
    dueSoon,
    silent,
    byUnit: [...perUnit.values()].filter((u) => totalOf(u.counts) > 0 || u.ongoing > 0),
  };
}
