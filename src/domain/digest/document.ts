import type { Message, MessageParam } from "../../core/message-key.js";
import { formatDate } from "../calendar/format.js";
import { quarterOf } from "../deadline/describe-period.js";
import { localDateOf, localMinutesOf } from "../calendar/local-date.js";
import { reportProgressLabel } from "../reports/status.js";
import { type Digest, totalOf } from "./build.js";
import { BUCKETS, type Bucket } from "./types.js";
import { cutAtWord } from "../text/shorten.js";

/** A parameter: user data (string, escaped by markup renderers), a number, or fixed text. */
export type Param = MessageParam;

/** One line of text: a message key and its parameters. */
export interface Line extends Message {
  /** A section heading (bold where the channel has markup). */
  heading?: boolean;
}

/** Lines that stay in the same message when the text is cut into parts. */
export type Chunk = Line[];

/** Sections, each a list of chunks; the renderers put an empty line between sections. */
export interface DigestDocument {
  sections: Chunk[][];
}

export interface DocumentOptions {
  /** Items shown per list before "… và N nhiệm vụ khác". Default 10. */
  listLimit?: number;
  /** Units shown in the silent-units list. Default 15. */
  unitLimit?: number;
  /** How the scope reads: all units, or these names. */
  scope: { all: true } | { all: false; names: string[] };
  /** Whether a chart image goes with the text. */
  withChart: boolean;
}

export const TITLE_MAX = 90;

/** A long task title cut on a word boundary with "…". */
export function shortTitle(title: string, max = TITLE_MAX): string {
  return cutAtWord(title, max);
}

function changeLine(now: number, before: number): Line {
  const diff = now - before;
  if (diff === 0) return { key: "digest.change.same" };
  return diff > 0
    ? { key: "digest.change.up", params: { count: diff } }
    : { key: "digest.change.down", params: { count: -diff } };
}

function periodLines(digest: Digest): Line[] {
  const { period } = digest;
  const week = Number(period.key.slice(6));
  const year = period.key.slice(0, 4);
  const base = { week, year, from: formatDate(period.start), to: formatDate(period.end) };
  if (period.complete) return [{ key: "digest.period.complete", params: base }];
  const minutes = localMinutesOf(period.asOf);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return [
    {
      key: "digest.period.partial",
      params: { ...base, time, date: formatDate(localDateOf(period.asOf)) },
    },
  ];
}

function scopeLine(digest: Digest, scope: DocumentOptions["scope"]): Line {
  if (scope.all) return { key: "digest.scope.all", params: { count: digest.unitCount } };
  const shown = scope.names.slice(0, 3).join(", ");
  const rest = scope.names.length - 3;
  return rest > 0
    ? { key: "digest.scope.someMore", params: { names: shown, count: rest } }
    : { key: "digest.scope.some", params: { names: shown } };
}

function quarterLabel(periodKey: string): string {
  const quarter = quarterOf(periodKey);
  return quarter ? `${quarter.roman}/${quarter.year}` : periodKey;
}

function summarySection(digest: Digest): Chunk[] {
  const bucketLine = (bucket: Bucket): Line => ({
    key: `digest.buckets.${bucket}`,
    params: {
      count: digest.counts[bucket],
      change: changeLine(digest.counts[bucket], digest.previous[bucket]),
    },
  });
  const lines: Line[] = [
    { key: "digest.buckets.heading", heading: true },
    ...BUCKETS.map(bucketLine),
    { key: "digest.buckets.total", params: { total: totalOf(digest.counts) } },
  ];
  if (digest.ongoing.total > 0) {
    lines.push({
      key: "digest.ongoing",
      params: {
        quarters: digest.ongoing.quarters.map(quarterLabel).join(", "),
        total: digest.ongoing.total,
        reported: digest.ongoing.reported,
      },
    });
  }
  if (digest.undated.total > 0) {
    lines.push({
      key: "digest.undated",
      params: { total: digest.undated.total, reported: digest.undated.reported },
    });
  }
  return [lines];
}

function listSection<T>(
  heading: Line,
  items: readonly T[],
  limit: number,
  render: (item: T) => Line[],
  more: (count: number) => Line,
  none: Line,
): Chunk[] {
  if (items.length === 0) return [[heading, none]];
  const shown = items.slice(0, limit).map(render);
  const chunks: Chunk[] = [[heading, ...(shown[0] ?? [])], ...shown.slice(1)];
  if (items.length > limit) chunks.push([more(items.length - limit)]);
  return chunks;
}

const moreTasks = (count: number): Line => ({ key: "digest.more", params: { count } });
const titleLine = (title: string): Line => ({
  key: "digest.item.title",
  params: { title: shortTitle(title) },
});

/**
 * What the digest says, as lines with message keys: channel-neutral, so that each channel's
 * renderer escapes user data and applies its own markup and length limit.
 */
export function digestDocument(digest: Digest, options: DocumentOptions): DigestDocument {
  const limit = options.listLimit ?? 10;
  const unitLimit = options.unitLimit ?? 15;

  const header: Chunk[] = [
    [
      { key: "digest.title", heading: true },
      ...periodLines(digest),
      scopeLine(digest, options.scope),
    ],
  ];
  const attention = listSection(
    { key: "digest.attention.heading", heading: true, params: { count: digest.attention.length } },
    digest.attention,
    limit,
    (item) => [
      item.kind === "blocked"
        ? {
            key: "digest.attention.blocked",
            params: { code: item.code, unit: item.unitName, reason: item.reason ?? "" },
          }
        : {
            key: item.proposedDate
              ? "digest.attention.extension"
              : "digest.attention.extensionNoDate",
            params: {
              code: item.code,
              unit: item.unitName,
              date: item.proposedDate ? formatDate(item.proposedDate) : "",
              reason: item.reason ?? "",
            },
          },
      titleLine(item.title),
    ],
    moreTasks,
    { key: "digest.attention.none" },
  );
  const overdue = listSection(
    { key: "digest.overdue.heading", heading: true, params: { count: digest.overdue.length } },
    digest.overdue,
    limit,
    (item) => [
      {
        key: "digest.overdue.line",
        params: {
          code: item.code,
          unit: item.unitName,
          days: item.daysLate,
          due: formatDate(item.due),
          status: reportProgressLabel(item.status, item.progress),
        },
      },
      titleLine(item.title),
    ],
    moreTasks,
    { key: "digest.overdue.none" },
  );
  const dueSoon = listSection(
    { key: "digest.dueSoon.heading", heading: true, params: { count: digest.dueSoon.length } },
    digest.dueSoon,
    limit,
    (item) => [
      {
        key: "digest.dueSoon.line",
        params: {
          code: item.code,
          unit: item.unitName,
          due: formatDate(item.due),
          status: reportProgressLabel(item.status, item.progress),
        },
      },
      titleLine(item.title),
    ],
    moreTasks,
    { key: "digest.dueSoon.none" },
  );
  const silent = listSection(
    { key: "digest.silent.heading", heading: true, params: { count: digest.silent.length } },
    digest.silent,
    unitLimit,
    (unit) => [{ key: "digest.silent.line", params: { unit: unit.name, count: unit.pending } }],
    (count) => ({ key: "digest.moreUnits", params: { count } }),
    { key: "digest.silent.none" },
  );
  const footer: Chunk[] = [
    [{ key: options.withChart ? "digest.footer.withChart" : "digest.footer.plain" }],
  ];
  return {
    sections: [header, summarySection(digest), attention, overdue, dueSoon, silent, footer],
  };
}
