import {
  MAX_YEAR,
  MIN_YEAR,
  daysInMonth,
  endOfMonth,
  endOfQuarter,
  isValidDate,
  isoDate,
} from "./calendar.js";
import { normalizeDeadlineText } from "./normalize.js";
import type { Deadline, DeadlineErrorCode, DeadlineParseResult } from "./types.js";

/*
 * Parses the deadline phrases written in plans ("Thời gian hoàn thành: Quý II năm 2024").
 * Works on the normalised text (no diacritics, lower case), so every pattern below is
 * written without diacritics. One rule per phrase family; the first rule that recognises
 * the phrase decides. Anything no rule recognises is an error: never a guess.
 */

const MAX_LENGTH = 200;

// "Thời gian hoàn thành:", "Thời hạn:", "Hạn:" … (colon optional, but then a space is needed).
const PREFIX =
  /^(?:thoi gian hoan thanh|thoi gian thuc hien|thoi han hoan thanh|thoi han thuc hien|thoi han|thoi gian|han chot|han hoan thanh|han)(?:\s*:\s*|\s+|$)/;
const LEADING_JUNK = /^[\s\-+*•"'“”‘’(]+/;
const TRAILING_JUNK = /[\s.,;:!?…"'“”‘’)]+$/;
// Words that only introduce the deadline: "trong quý…", "chậm nhất ngày…", "đến hết tháng…".
const FILLER = /^(?:truoc|trong|cham nhat la|cham nhat|vao|den het|den|het|cuoi|hoan thanh)\s+/;

const YEAR = String.raw`(\d{4})`;
const NUM = String.raw`(\d{1,2})`;
// Joins a period to its year: "quý II năm 2024", "quý II/2024", "tháng 6-2024", "quý 2 2024".
const TO_YEAR = String.raw`(?:\s+nam\s+|\s*[/.-]\s*|\s+)`;
// Joins day to month: "30/6", "30-6", "30.6", "30 tháng 6".
const DAY_TO_MONTH = String.raw`(?:\s*[/.-]\s*|\s+thang\s+)`;
// Joins day/month to year: "30/6/2024", "31 tháng 3 năm 2025".
const DATE_TO_YEAR = String.raw`(?:\s*[/.-]\s*|\s+nam\s+)`;

const ONGOING = /^(?:thuong xuyen|lien tuc|thuong xuyen,? (?:va )?lien tuc)$/;
const EACH_YEAR_AT_START = /^hang nam\s*,?\s*/;
const EACH_YEAR_AT_END = /\s*,?\s*hang nam$/;
const OTHER_RECURRENCE =
  /(?:^|\s)(?:hang|moi) (?:quy|thang|tuan|ngay)(?:\s|$)|(?:^|\s)dinh ky(?:\s|$)/;
const HALF_YEAR = new RegExp(
  String.raw`^(?:(?:6|sau) thang|nua) (dau|cuoi) nam(?:${TO_YEAR}${YEAR})?$`,
);
const YEAR_LIST = new RegExp(
  String.raw`^(?:cac )?(?:nam )?${YEAR}((?:\s*(?:,|;|va|&)\s*(?:nam )?\d{4})+)$`,
);
const YEAR_RANGE = new RegExp(
  String.raw`^(?:giai doan |thoi ky )?(?:tu )?(?:nam )?${YEAR}\s*(?:-|den)\s*(?:nam )?${YEAR}$`,
);
const SINGLE_YEAR = new RegExp(String.raw`^(?:nam )?${YEAR}$`);
const PERIOD_RANGE = /^tu (.+?)\s+(?:den|toi|-)\s+(.+)$/;
const QUARTER = new RegExp(String.raw`^quy ([ivx]+|\d{1,2})(?:${TO_YEAR}${YEAR})?$`);
const MONTH = new RegExp(String.raw`^thang ${NUM}(?:${TO_YEAR}${YEAR})?$`);
const MONTH_NUMERIC = new RegExp(String.raw`^${NUM}\s*[/.-]\s*${YEAR}$`);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE = new RegExp(
  String.raw`^(?:ngay )?${NUM}${DAY_TO_MONTH}${NUM}(?:${DATE_TO_YEAR}${YEAR})?$`,
);

const ROMAN: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
};

/** At most this many years in "giai đoạn 2021 - 2030"; more is surely a typo. */
const MAX_YEAR_SPAN = 20;

interface Stripped {
  text: string;
  /** "trước …" was written: fine before a date, ambiguous before a quarter/month/year. */
  before: boolean;
}

function ok(deadline: Deadline): DeadlineParseResult {
  return { ok: true, deadline };
}

function fail(error: DeadlineErrorCode, detail?: string): DeadlineParseResult {
  return detail === undefined ? { ok: false, error } : { ok: false, error, detail };
}

function stripFillers(text: string): Stripped {
  let rest = text;
  let before = false;
  for (let m = FILLER.exec(rest); m; m = FILLER.exec(rest)) {
    if (m[0].startsWith("truoc")) before = true;
    rest = rest.slice(m[0].length);
  }
  return { text: rest, before };
}

function validYear(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function once(due: string): DeadlineParseResult {
  return ok({ kind: "once", due });
}

function periodAfterBefore(): DeadlineParseResult {
  return fail(
    "ambiguous",
    "'truoc' + a period: does it mean the end of that period or of the one before?",
  );
}

function parseYears(text: string, before: boolean): DeadlineParseResult | null {
  const list = YEAR_LIST.exec(text);
  const range = YEAR_RANGE.exec(text);
  const single = SINGLE_YEAR.exec(text);
  if (!list && !range && !single) return null;
  if (before) return periodAfterBefore();
  let years: number[];
  if (list) {
    years = (text.match(/\d{4}/g) ?? []).map(Number);
  } else if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (!validYear(from) || !validYear(to)) return fail("impossible_date", text);
    if (to < from) return fail("reversed_range", text);
    if (to - from >= MAX_YEAR_SPAN) return fail("ambiguous", `span of ${to - from + 1} years`);
    years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  } else {
    years = [Number(single?.[1])];
  }
  if (!years.every(validYear)) return fail("impossible_date", text);
  const unique = [...new Set(years)].sort((a, b) => a - b);
  const [first] = unique;
  if (unique.length === 1 && first !== undefined && !range) return once(isoDate(first, 12, 31));
  return ok({ kind: "years", years: unique });
}

function parseHalfYear(text: string, before: boolean): DeadlineParseResult | null {
  const m = HALF_YEAR.exec(text);
  if (!m) return null;
  if (m[2] === undefined) return fail("missing_year", text);
  if (before) return periodAfterBefore();
  const year = Number(m[2]);
  if (!validYear(year)) return fail("impossible_date", text);
  return once(m[1] === "dau" ? isoDate(year, 6, 30) : isoDate(year, 12, 31));
}

function parseQuarter(text: string, before: boolean): DeadlineParseResult | null {
  const m = QUARTER.exec(text);
  if (!m) return null;
  const label = m[1] ?? "";
  const quarter = /^\d+$/.test(label) ? Number(label) : ROMAN[label];
  if (quarter === undefined) return fail("unknown_phrase", text);
  if (quarter < 1 || quarter > 4) return fail("impossible_date", `quarter ${label}`);
  if (m[2] === undefined) return fail("missing_year", text);
  if (before) return periodAfterBefore();
  const year = Number(m[2]);
  if (!validYear(year)) return fail("impossible_date", text);
  return once(endOfQuarter(year, quarter));
}

function parseMonth(text: string, before: boolean): DeadlineParseResult | null {
  const m = MONTH.exec(text) ?? MONTH_NUMERIC.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  if (month < 1 || month > 12) return fail("impossible_date", `month ${month}`);
  if (m[2] === undefined) return fail("missing_year", text);
  if (before) return periodAfterBefore();
  const year = Number(m[2]);
  if (!validYear(year)) return fail("impossible_date", text);
  return once(endOfMonth(year, month));
}

function parseDate(text: string): DeadlineParseResult | null {
  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return isValidDate(year, month, day)
      ? once(isoDate(year, month, day))
      : fail("impossible_date", text);
  }
  const m = DATE.exec(text);
  if (!m) return null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  // Checked against a leap year first so that "29/2" without a year is "missing year".
  if (!isValidDate(2000, month, day)) return fail("impossible_date", text);
  if (m[3] === undefined) return fail("missing_year", text);
  const year = Number(m[3]);
  if (!isValidDate(year, month, day)) return fail("impossible_date", text);
  return once(isoDate(year, month, day));
}

/** "hằng năm" before or after: "trước ngày 15/11 hàng năm", "Hàng năm, trước ngày 20/11". */
function parseEachYear(text: string): DeadlineParseResult | null {
  let rest: string;
  if (EACH_YEAR_AT_START.test(text)) rest = text.replace(EACH_YEAR_AT_START, "");
  else if (EACH_YEAR_AT_END.test(text)) rest = text.replace(EACH_YEAR_AT_END, "");
  else return null;
  const { text: when, before } = stripFillers(rest);
  // A bare "hằng năm" means by the end of each year.
  if (when === "") return ok({ kind: "yearly", month: 12, day: 31 });
  // The date inside must carry no year: "15/11 hàng năm", never "15/11/2024 hàng năm".
  const probe = parseDate(when) ?? parseMonth(when, false) ?? parseQuarter(when, false);
  if (probe === null) return fail("unknown_phrase", text);
  if (probe.ok) return fail("ambiguous", "a dated deadline that also says 'hang nam'");
  if (probe.error !== "missing_year") return probe;
  const date = DATE.exec(when);
  if (date) return ok({ kind: "yearly", month: Number(date[2]), day: Number(date[1]) });
  if (before) return periodAfterBefore();
  const month = MONTH.exec(when);
  // Non-leap year: "tháng 2 hằng năm" is due 28/02.
  if (month) return ok({ kind: "yearly", month: Number(month[1]), day: endDay(Number(month[1])) });
  const quarter = QUARTER.exec(when);
  const label = quarter?.[1] ?? "";
  const q = /^\d+$/.test(label) ? Number(label) : (ROMAN[label] ?? 0);
  return ok({ kind: "yearly", month: q * 3, day: endDay(q * 3) });
}

/** Last day of a month in a common year, so "tháng 2 hằng năm" is due 28/02. */
function endDay(month: number): number {
  return daysInMonth(2001, month);
}

/** "Từ tháng 6 đến tháng 12/2024": due at the end of the range. */
function parseRange(text: string): DeadlineParseResult | null {
  const m = PERIOD_RANGE.exec(text);
  if (!m) return null;
  const [from, to] = [m[1] ?? "", m[2] ?? ""];
  const end = parseCore(to);
  if (!end.ok) return end;
  if (end.deadline.kind !== "once") return fail("ambiguous", text);
  const endYear = end.deadline.due.slice(0, 4);
  let start = parseCore(from);
  // "từ tháng 6 đến tháng 12/2024": the start takes the year of the end.
  if (!start.ok && start.error === "missing_year") start = parseCore(`${from} nam ${endYear}`);
  if (!start.ok) return start;
  if (start.deadline.kind !== "once") return fail("ambiguous", text);
  if (start.deadline.due > end.deadline.due) return fail("reversed_range", text);
  return end;
}

function parseCore(normalized: string): DeadlineParseResult {
  const { text, before } = stripFillers(normalized);
  if (text === "") return fail("empty");
  if (ONGOING.test(text)) return ok({ kind: "ongoing" });
  return (
    parseEachYear(text) ??
    parseHalfYear(text, before) ??
    parseYears(text, before) ??
    parseRange(text) ??
    parseQuarter(text, before) ??
    parseMonth(text, before) ??
    parseDate(text) ??
    (OTHER_RECURRENCE.test(text)
      ? fail("unsupported_recurrence", text)
      : fail("unknown_phrase", text))
  );
}

/** Reads a deadline phrase from a plan; returns an error code rather than guessing. */
export function parseDeadline(text: string): DeadlineParseResult {
  const normalized = normalizeDeadlineText(text)
    .replace(LEADING_JUNK, "")
    .replace(TRAILING_JUNK, "")
    .replace(PREFIX, "")
    .trim();
  if (normalized === "") return fail("empty");
  if (normalized.length > MAX_LENGTH) return fail("unknown_phrase", "too long");
  return parseCore(normalized);
}
