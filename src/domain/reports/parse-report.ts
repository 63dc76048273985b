import { dayNumber, isLocalDate } from "../calendar/local-date.js";
import { foldText, replaceFolded, type FoldedText } from "../text/fold.js";
import { findProposedDate } from "./proposed-date.js";
import {
  BARE_NOT_YET,
  BLOCKED,
  BLOCKED_BY,
  DONE,
  EXTENSION,
  FILLERS,
  FUTURE,
  HANDED_IN,
  IN_PROGRESS,
  NEGATION_BEFORE,
  NOT_DONE_YET,
  NOT_STARTED,
  PERCENT,
  PROGRESS_NUMBER,
  REASON_LEAD,
  SHORTHANDS,
} from "./report-words.js";
import type { ReportStatus } from "./status.js";

export type ReportParseError =
  | "empty"
  | "unknown_status"
  | "bad_progress"
  | "bad_date"
  | "date_in_past"
  | "missing_reason"
  | "missing_date";

export interface ParsedReport {
  ok: true;
  status: ReportStatus;
  /** 0–100, whole percent. */
  progress?: number;
  /** What is left of the message in the user's own words: the reason, the details. */
  note?: string;
  /** Extension requests only: YYYY-MM-DD, today or later. */
  proposedDate?: string;
}

export type ReportParseResult = ParsedReport | { ok: false; error: ReportParseError };

/** Longer messages are cut here: chat platforms stop at 4096 (Telegram) or 2000 (Zalo) anyway. */
const MAX_LENGTH = 4096;
const NOTHING_BUT_PUNCTUATION = /^[\s\p{P}]*$/u;

type Span = readonly [number, number];

/** Characters between a status word and a percentage for the two to be read together. */
const NEAR = 12;
const gapBetween = (a: Span, b: Span) => Math.max(a[0], b[0]) - Math.min(a[1], b[1]);

/**
 * Read a status report typed in chat, with or without diacritics, with common shorthand:
 * "xong", "đang làm 50%", "vướng: thiếu kinh phí", "gia hạn 30/9", "chưa làm" …
 * `today` (YYYY-MM-DD, Vietnam) gives the year of a date typed without one. Never throws on any
 * text; throws only when `today` is not a date (a programming error).
 */
export function parseReportText(text: string, today: string): ReportParseResult {
  if (!isLocalDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const original = text.normalize("NFC").slice(0, MAX_LENGTH);
  if (NOTHING_BUT_PUNCTUATION.test(original)) return { ok: false, error: "empty" };

  let folded = foldText(original);
  for (const [pattern, replacement] of SHORTHANDS)
    folded = replaceFolded(folded, pattern, replacement);

  const progressFound = findProgress(folded.text);
  const badProgress = { ok: false, error: "bad_progress" } as const;
  const progress = progressFound?.value;
  const progressSpans: Span[] = progressFound ? [progressFound.span] : [];
  // Blank the progress out (same length, so positions still match) before looking for words.
  const words = progressFound ? blank(folded.text, progressFound.span) : folded.text;

  const extension = EXTENSION.exec(words);
  if (extension) {
    if (progressFound?.outOfRange) return badProgress;
    const found = findProposedDate(blank(words, spanOf(extension)), today);
    if (found.kind === "none") return { ok: false, error: "missing_date" };
    if (found.kind === "bad") return { ok: false, error: "bad_date" };
    if (dayNumber(found.date) < dayNumber(today)) return { ok: false, error: "date_in_past" };
    const note = leftover(
      original,
      folded,
      [spanOf(extension), [found.from, found.to], ...progressSpans],
      true,
    );
    return report("extension_requested", progress, note, found.date);
  }

  const blocked = firstNotNegated(BLOCKED, words);
  if (blocked) {
    if (progressFound?.outOfRange) return badProgress;
    const statusWords = [IN_PROGRESS, NOT_DONE_YET, DONE, NOT_STARTED].map((re) => re.exec(words));
    const spans = [spanOf(blocked), ...progressSpans, ...statusWords.filter(isMatch).map(spanOf)];
    const reason = leftover(original, folded, spans, true);
    if (reason === undefined) return { ok: false, error: "missing_reason" };
    return report("blocked", progress, reason);
  }

  const match =
    classify(NOT_DONE_YET, "in_progress") ??
    future() ??
    classify(IN_PROGRESS, "in_progress") ??
    classify(DONE, "done") ??
    classify(NOT_STARTED, "not_started") ??
    classify(HANDED_IN, "done");
  let status: ReportStatus;
  let spans: Span[] = [...progressSpans];
  // "thiếu kinh phí", "chờ ý kiến chỉ đạo": the reason is the whole report.
  const blockedBy = match ? undefined : firstNotNegated(BLOCKED_BY, words);
  if (blockedBy) {
    if (progressFound?.outOfRange) return badProgress;
    const reason = leftover(original, folded, progressSpans, false);
    if (reason !== undefined) return report("blocked", progress, reason);
  }
  if (match) {
    status = match.status;
    spans.push(spanOf(match.m));
  } else if (progress !== undefined) {
    status = progress === 0 ? "not_started" : "in_progress";
  } else {
    const bare = BARE_NOT_YET.exec(words);
    if (!bare || leftover(original, folded, [spanOf(bare)], false) !== undefined) {
      return { ok: false, error: "unknown_status" };
    }
    status = "not_started";
    spans = [spanOf(bare)];
  }
  // A percentage right after the status word says more than the word: "hoàn thành 80%" is 80%
  // done. Far from a "done" word, or with its own word, it is a figure in the details:
  // "xong, đạt 120% kế hoạch", "xong, tỷ lệ tham gia 95%".
  let reported = progress;
  if (match && progressFound && status === "done" && progress !== 100) {
    if (progressFound.introduced || gapBetween(spanOf(match.m), progressFound.span) > NEAR) {
      reported = undefined;
      spans = [spanOf(match.m)];
    }
  }
  if (reported !== undefined && progressFound?.outOfRange) return badProgress;
  if (reported === 100) status = "done";
  else if (reported !== undefined && reported > 0 && status !== "in_progress")
    status = "in_progress";
  // "mai em gửi": the day is what the message says beyond the status, kept as typed.
  const note = leftover(original, folded, match?.future ? progressSpans : spans, false);
  // "chưa làm được vì thiếu người", "đang chờ ý kiến của UBND tỉnh": the status words are part of
  // the sentence, so the note is the sentence as typed rather than what is left of it.
  const sentence = match && note !== undefined && withinSentence(original, folded, spanOf(match.m));
  return report(status, reported, sentence ? original.replace(/\s+/gu, " ").trim() : note);

  function classify(pattern: RegExp, as: ReportStatus): StatusMatch | undefined {
    const m = pattern.exec(words);
    return m ? { m, status: as } : undefined;
  }

  /**
   * "mai em gửi", "chắc thứ 6 xong": in progress, the day kept in the note as typed (a report has
   * no expected date). Not when a "done" comes first: "xong rồi, mai em gửi báo cáo".
   */
  function future(): StatusMatch | undefined {
    const m = FUTURE.exec(words);
    if (!m) return undefined;
    const done = DONE.exec(words) ?? HANDED_IN.exec(words);
    if (done && done.index < m.index) return undefined;
    return { m, status: "in_progress", future: true };
  }
}

interface StatusMatch {
  m: RegExpExecArray;
  status: ReportStatus;
  /** Read from a day to come ("mai em gửi"): the note keeps the words of the day. */
  future?: boolean;
}

function report(
  status: ReportStatus,
  progress: number | undefined,
  note: string | undefined,
  proposedDate?: string,
): ParsedReport {
  const result: ParsedReport = { ok: true, status };
  if (progress !== undefined) result.progress = progress;
  if (note !== undefined) result.note = note;
  if (proposedDate !== undefined) result.proposedDate = proposedDate;
  return result;
}

function findProgress(
  text: string,
): { value: number; outOfRange: boolean; introduced: boolean; span: Span } | undefined {
  const m = PERCENT.exec(text) ?? PROGRESS_NUMBER.exec(text);
  if (!m) return undefined;
  const [minus, digits] = [m[1], m[2] ?? ""];
  const value = Number(digits.replace(",", ".")) * (minus ? -1 : 1);
  return {
    value: Math.round(value),
    outOfRange: !(value >= 0 && value <= 100),
    introduced: /^[a-z]/.test(m[0]),
    span: spanOf(m),
  };
}

function firstNotNegated(pattern: RegExp, text: string): RegExpExecArray | undefined {
  const global = new RegExp(pattern.source, "g");
  for (let m = global.exec(text); m; m = global.exec(text)) {
    if (!NEGATION_BEFORE.test(text.slice(0, m.index))) return m;
    if (m[0].length === 0) global.lastIndex++;
  }
  return undefined;
}

const isMatch = (m: RegExpExecArray | null): m is RegExpExecArray => m !== null;
const spanOf = (m: RegExpExecArray): Span => [m.index, m.index + m[0].length];
const blank = (text: string, [from, to]: Span) =>
  text.slice(0, from) + " ".repeat(to - from) + text.slice(to);

/** The matched words run on into other words, with no punctuation between, on either side. */
function withinSentence(original: string, folded: FoldedText, [from, to]: Span): boolean {
  const start = folded.start[from] ?? 0;
  const end = folded.end[to - 1] ?? original.length;
  return /^\s+\p{L}/u.test(original.slice(end)) || /\p{L}\s+$/u.test(original.slice(0, start));
}

const EDGE_SEPARATORS = /^[\s,.;:!?\-_*~"'`/|…]+|[\s,;:\-_*~"'`/|…]+$|[\s.]+$/gu;

/**
 * The user's own words left once the matched spans are taken out, or undefined when nothing but
 * fillers ("ok", "rồi", "ạ" …) is left. `asReason` also drops a leading "do", "vì", "lý do".
 */
function leftover(
  original: string,
  folded: FoldedText,
  spans: Span[],
  asReason: boolean,
): string | undefined {
  const keep = new Array<boolean>(original.length).fill(true);
  for (const [from, to] of spans) {
    for (let i = from; i < to; i++) {
      for (let j = folded.start[i] ?? 0; j < (folded.end[i] ?? 0); j++) keep[j] = false;
    }
  }
  let rest = "";
  for (let i = 0; i < original.length; i++) if (keep[i]) rest += original[i];
  rest = rest.replace(/\s+/gu, " ").replace(EDGE_SEPARATORS, "");
  if (asReason) {
    const restFolded = foldText(rest);
    const lead = REASON_LEAD.exec(restFolded.text);
    if (lead && lead[0].length > 0) {
      const cut = restFolded.end[lead[0].length - 1] ?? 0;
      rest = rest.slice(cut).replace(EDGE_SEPARATORS, "");
    }
  }
  const tokens = foldText(rest)
    .text.split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  if (tokens.every((w) => FILLERS.has(w))) return undefined;
  return rest;
}
