import { formatDate } from "../domain/calendar/format.js";
import { describePeriod } from "../domain/deadline/describe-period.js";
import {
  dueOf,
  dueShown,
  occurrenceKind,
  STANDINGS,
  standingOf,
  tallyOf,
  type OccurrenceFacts,
  type Standing,
} from "../domain/occurrences/standing.js";
import { reportProgressLabel } from "../domain/reports/index.js";
import type { ReportStatus } from "../domain/reports/status.js";
import { cutAtWord } from "../domain/text/shorten.js";
import { render, t, type Locale } from "../i18n.js";
import { formatCount, formatDaysLeft, isoDate } from "./format.js";

/** What a /nhiemvu line shows of an occurrence. */
export interface ListedOccurrence {
  code: string;
  status: ReportStatus;
  progress: number | null;
  periodKey: string;
  periodStart: Date;
  dueDate: Date | null;
  extendedDue: Date | null;
  /**
   * The working day the date that counts (an extension, else the due date) falls due on when
   * that date is a weekend or holiday ("YYYY-MM-DD", the last working day before it), as the
   * reminders say it; absent otherwise.
   */
  dueDay?: string;
  task: { title: string; /** The stored deadline (null: check-ins only). */ deadline: unknown };
}

/** The groups /nhiemvu lists, in order (done, past and upcoming are counted, not listed). */
const LISTED = STANDINGS.filter(
  (s): s is Exclude<Standing, "done" | "past" | "upcoming"> =>
    s !== "done" && s !== "past" && s !== "upcoming",
);
type Listed = (typeof LISTED)[number];

export const PAGE_SIZE = 20;
const TITLE_MAX = 70;

function factsOf(occ: ListedOccurrence): OccurrenceFacts {
  return {
    kind: occurrenceKind(occ.task.deadline),
    periodStart: isoDate(occ.periodStart),
    dueDate: occ.dueDate && isoDate(occ.dueDate),
    extendedDue: occ.extendedDue && isoDate(occ.extendedDue),
    status: occ.status,
  };
}

function line(occ: ListedOccurrence, facts: OccurrenceFacts, today: string, locale?: Locale) {
  const due = dueOf(facts);
  // As the reminders say it: a date on a day off is due on the working day before it.
  const shown = due ? dueShown(today, due, occ.dueDay) : null;
  const dueText = shown
    ? formatDate(shown.date)
    : t(facts.kind === "undated" ? "format.undated" : "format.noDue", {}, locale);
  let left: string;
  if (due === null || shown === null) {
    left = render(describePeriod(occ.periodKey, facts.periodStart, null), locale);
  } else {
    const daysLeft = formatDaysLeft(today, shown.date, locale);
    left = shown.moved
      ? t("commands.nhiemvu.leftMoved", { left: daysLeft, original: formatDate(due) }, locale)
      : daysLeft;
  }
  const status = render(reportProgressLabel(occ.status, occ.progress), locale);
  return t(
    "commands.nhiemvu.line",
    { code: occ.code, title: cutAtWord(occ.task.title, TITLE_MAX), due: dueText, left, status },
    locale,
  );
}

/**
 * One page (the reply) of a unit's tasks as /nhiemvu shows them on `today`: grouped by the shared standing
 * (overdue, blocked or extension asked, due within 14 days, under way, not yet due, the current
 * check-in of ongoing tasks), due date first within a group; past check-in windows are counted in
 * a note, never listed as late.
 */
export function taskListPage(
  occurrences: readonly ListedOccurrence[],
  options: { unit: string; today: string; page: number; more: (page: number) => string },
  locale?: Locale,
): string {
  const { unit, today, page } = options;
  const filed = occurrences.map((occ) => {
    const facts = factsOf(occ);
    return { occ, facts, standing: standingOf(facts, today) };
  });
  const tally = tallyOf(
    filed.map((f) => f.facts),
    today,
  );
  const listed = filed
    .filter((f): f is typeof f & { standing: Listed } =>
      (LISTED as readonly Standing[]).includes(f.standing),
    )
    .map((f, index) => ({ ...f, index }))
    .sort((a, b) => LISTED.indexOf(a.standing) - LISTED.indexOf(b.standing) || a.index - b.index);
  if (listed.length === 0) {
    return t("commands.nhiemvu.none", { unit }, locale);
  }
  const pages = Math.ceil(listed.length / PAGE_SIZE);
  if (page > pages) {
    return t("commands.nhiemvu.noSuchPage", { page, pages }, locale);
  }
  const n = (count: number) => formatCount(count, locale);
  const groupSize = new Map<Listed, number>();
  for (const f of listed) groupSize.set(f.standing, (groupSize.get(f.standing) ?? 0) + 1);
  const out = [
    t(
      "commands.nhiemvu.header",
      { unit, open: n(tally.open), overdue: n(tally.overdue), done: n(tally.done) },
      locale,
    ),
  ];
  let group: Listed | undefined;
  for (const f of listed.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)) {
    if (f.standing !== group) {
      group = f.standing;
      out.push(
        t(`commands.nhiemvu.group.${group}`, { count: n(groupSize.get(group) ?? 0) }, locale),
      );
    }
    out.push(line(f.occ, f.facts, today, locale));
  }
  if (tally.past > 0) out.push(t("commands.nhiemvu.past", { past: n(tally.past) }, locale));
  if (pages > 1) {
    out.push(
      t(
        page < pages ? "commands.nhiemvu.page" : "commands.nhiemvu.lastPage",
        { page, pages, next: options.more(page + 1), first: options.more(1) },
        locale,
      ),
    );
  }
  return out.join("\n");
}
