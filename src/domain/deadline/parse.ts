import {
  MAX_YEAR,
  MIN_YEAR,
  daysInMonth,
  endOfMonth,
  endOfQuarter,
  isValidDate,
  isoDate,
} from "./calendar.js";
import { fold } from "../text/fold.js";
import { deadlineSchema } from "./types.js";
import type {
  Deadline,
  DeadlineErrorCode,
  DeadlineParseResult,
  RecurringDeadline,
  UndatedReason,
} from "./types.js";

/*
 * Parses the deadline phrases written in plans ("Thời gian hoàn thành: Quý II năm 2024").
 * Works on the normalised text (no diacritics, lower case), so every pattern below is
 * written without diacritics. One rule per phrase family; the first rule that recognises
 * the phrase decides. Anything no rule recognises is an error: never a guess.
 *
 * Conventions where a phrase leaves something open (each one a choice, documented here):
 * - "hằng năm" with no day → 31/12 each year; "hằng tháng" with no day → the month's last day
 *   (`{"kind":"monthly","day":31}`); "hằng quý" with no day → the quarter's last day
 *   (`{"kind":"quarterly","month":3,"day":31}`);
 * - "trước ngày 20 hằng quý" → day 20 of the quarter's last month (quarterly reports are due in
 *   the quarter's last month);
 * - "định kỳ 6 tháng" → 30/6 and 31/12 each year unless days are given;
 * - "… và các năm tiếp theo", "từ 01/7/2025" (a start, not a due date) → ongoing;
 * - "hằng ngày", "hằng tuần" (work too frequent to track one occurrence at a time) → ongoing;
 * - a range of periods ("Quý IV/2025 - Quý II/2026") → due at the end of the range;
 * - phrases that name no calendar date ("Sau khi … được ban hành", "Theo kế hoạch riêng",
 *   "Định kỳ" alone) are understood as undated, with a reason.
 */

const MAX_LENGTH = 200;

// "Thời gian hoàn thành:", "Thời hạn ban hành:", "Tiến độ:", "Hạn:" … (colon optional, but then a space is needed).
const PREFIX =
  /^(?:thoi gian|thoi han|han chot|han|tien do)(?: (?:hoan thanh|thuc hien|ban hanh|trien khai|bao cao|nop|gui))?(?: du kien)?(?:\s*:\s*|\s+|$)/;
// "Thời hạn trình UBND tỉnh:", "Thời gian gửi báo cáo về Sở:" (a few words, then the colon).
const LONG_PREFIX = /^(?:thoi gian|thoi han)\s+(?:trinh|gui|nop|bao cao)(?:\s+[^\s:]+){0,6}\s*:\s*/;
// "a) ", "c) ", "1. ", "2) " in front of a label.
const LIST_MARK = /^(?:[a-z]|\d{1,2}|[ivx]{1,4})[).]\s+/;
const LEADING_JUNK = /^[\s\-+*•·"'“”‘’(,;:]+/;
const TRAILING_JUNK = /[\s.,;:!?…"'“”‘’(-]+$/;
// Words that only introduce the deadline: "trong quý…", "chậm nhất ngày…", "xong trong tháng…".
const FILLER =
  /^(?:truoc|trong|cham nhat la|cham nhat|vao|den het|den|het|cuoi|hoan thanh xong|hoan thanh|thuc hien xong|thuc hien|trien khai|xong|dinh ky)\s+/;
// Qualifiers after the date that change nothing: "… hoặc đột xuất", "(dự kiến)".
const QUALIFIER =
  /\s*,?\s*(?:(?:hoac|va|,)\s+(?:dot xuat|khi co yeu cau|theo yeu cau|theo de nghi|khi duoc yeu cau)(?:\s.*)?|du kien)$/;

const YEAR = String.raw`(\d{4})`;
const NUM = String.raw`(\d{1,2})`;
// Joins a period to its year: "quý II năm 2024", "quý II/2024", "tháng 6-2024", "quý 2 2024".
const TO_YEAR = String.raw`(?:\s+nam\s+|\s*[/.-]\s*|\s+)`;
// Joins day to month: "30/6", "30-6", "30.6", "30 tháng 6".
const DAY_TO_MONTH = String.raw`(?:\s*[/.-]\s*|\s+thang\s+)`;
// Joins day/month to year: "30/6/2024", "31 tháng 3 năm 2025".
const DATE_TO_YEAR = String.raw`(?:\s*[/.-]\s*|\s+nam\s+)`;

// "Hằng ngày", "Hằng tuần", "định kỳ hằng tuần": too frequent to track one by one → ongoing.
const DAILY_OR_WEEKLY =
  /^(?:dinh ky\s+)?(?:hang|moi) (?:ngay|tuan)(?:\s*[,;]?\s*(?:va|hoac)?\s*(?:hang|moi) (?:ngay|tuan))?$/;
// "Thường xuyên", "Thường xuyên, theo yêu cầu nhiệm vụ", "Thường xuyên, hằng năm".
const ONGOING = /^(?:thuong xuyen|lien tuc)(?:\s*[,;]?\s*(.*))?$/;
// "Năm 2025 và các năm tiếp theo", "Giai đoạn 2026-2030 và những năm tiếp theo", "… trở đi".
const OPEN_ENDED =
  /^(.*?\d{4}.*?)\s*,?\s*(?:(?:va|&)\s+(?:cac|nhung)\s+nam\s+(?:tiep theo|sau)|tro di|den nay)$/;
// "Từ 01/7/2025", "Kể từ tháng 7/2025": a start with no end.
const START_ONLY = /^(?:ke )?tu\s+(.+)$/;
const EACH_YEAR_AT_START = /^(?:hang|moi) nam\s*,?\s*/;
const EACH_YEAR_AT_END = /\s*,?\s*(?:hang|moi|cua moi) nam$/;
const EACH_MONTH_AT_START = /^(?:hang|moi) thang\s*,?\s*/;
const EACH_MONTH_AT_END = /\s*,?\s*(?:hang|moi|cua moi) thang$/;
const LONGER_PERIODS_OF_QUARTER =
  /^(?:(?:,|;|va|hoac)?\s*(?:6 thang|sau thang|nam|ca nam|hang nam)\s*)+$/;
const LONGER_PERIODS_OF_MONTH =
  /^(?:(?:,|;|va|hoac)?\s*(?:quy|hang quy|6 thang|sau thang|nam|ca nam|hang nam)\s*)+$/;
const EACH_QUARTER_AT_START = /^(?:hang|moi) quy\s*,?\s*/;
const EACH_QUARTER_AT_END = /\s*,?\s*(?:hang|moi|cua moi) quy$/;
// "trước ngày 15 của tháng cuối quý", "ngày 10 tháng đầu quý", "ngày 20 tháng cuối mỗi quý".
const DAY_OF_QUARTER_MONTH = new RegExp(
  String.raw`^(?:ngay\s+)?${NUM}\s+(?:cua\s+)?thang\s+(dau|giua|thu hai|thu 2|cuoi|thu ba|thu 3)\s+(?:cua\s+)?(?:moi\s+|hang\s+)?quy(?:\s+(?:sau|tiep theo|ke tiep))?$`,
);
// "định kỳ 6 tháng", "6 tháng một lần", "hằng 6 tháng" (then optionally the days).
const SEMIANNUAL =
  /^(?:(?:bao cao\s+)?dinh ky\s+(?:hang\s+|moi\s+)?|hang\s+|moi\s+)(?:6|06|sau)\s+thang(?:\s+(?:mot|1)\s+lan)?(?:\s*[,;]?\s*(.*))?$|^(?:6|06|sau)\s+thang\s+(?:mot|1)\s+lan(?:\s*[,;]?\s*(.*))?$/;
const OTHER_RECURRENCE =
  /(?:^|\s)(?:hang|moi) (?:quy|thang|tuan|ngay)(?:[\s,;]|$)|(?:^|\s)dinh ky(?:[\s,;]|$)/;
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
// Where a range without "từ" may be split: "Quý IV/2025 - Quý II/2026", "Quý IV/2025- Quý II/2026".
const RANGE_SEPARATOR = /\s+(?:-|den|toi)\s+|\s*-\s+|\s+-\s*/g;
// Where a list may be split: "Quý II/2025 và Quý IV/2025", "15/6; 15/12".
const LIST_SEPARATOR = /\s*(?:,|;|&|\bva\b)\s*(?:va\s+)?(?:(?:truoc|ngay)\s+)*/g;
const QUARTER = new RegExp(String.raw`^quy ([ivx]+|\d{1,2})(?:${TO_YEAR}${YEAR})?$`);
const MONTH = new RegExp(String.raw`^thang ${NUM}(?:${TO_YEAR}${YEAR})?$`);
const MONTH_NUMERIC = new RegExp(String.raw`^${NUM}\s*[/.-]\s*${YEAR}$`);
// "tháng 7-8/2025", "tháng 7 - 9 năm 2025": a range of months in one year.
const MONTH_SPAN = new RegExp(String.raw`^thang ${NUM}\s*(?:-|den)\s*${NUM}${TO_YEAR}${YEAR}$`);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE = new RegExp(
  String.raw`^(?:ngay )?${NUM}${DAY_TO_MONTH}${NUM}(?:${DATE_TO_YEAR}${YEAR})?$`,
);
const DAY_ONLY = new RegExp(String.raw`^(?:ngay )?${NUM}$`);
// "hằng tháng, trước ngày 10 tháng sau" (each month's report, due in the next month).
const DAY_OF_NEXT_MONTH = new RegExp(
  String.raw`^(?:ngay\s+)?${NUM}\s+(?:cua\s+)?thang\s+(?:sau|tiep theo|ke tiep)$`,
);
// "hằng năm, trước ngày 15/01 năm sau" (each year's report, due early the next year).
const DATE_OF_NEXT_YEAR = new RegExp(
  String.raw`^(?:ngay\s+)?${NUM}${DAY_TO_MONTH}${NUM}\s+(?:cua\s+)?nam\s+(?:sau|tiep theo|ke tiep)$`,
);
// "Quý III - IV/2025", "quý II đến quý III năm 2026": a span of quarters in one year.
const QUARTER_SPAN = new RegExp(
  String.raw`^quy ([ivx]+|\d)\s*(?:-|den|va)\s*(?:quy\s+)?([ivx]+|\d)${TO_YEAR}${YEAR}$`,
);

// Phrases that are understood but name no calendar date.
const UNDATED: Array<[RegExp, UndatedReason]> = [
  // "Sau khi Nghị định … được ban hành", "khi Chính phủ … ban hành …", "Ngay sau khi …".
  [/^(?:ngay\s+)?(?:sau khi|khi|ngay khi|ke tu khi)\s/, "conditional"],
  [/^sau\s+\d+\s+(?:ngay|thang|tuan)\s/, "conditional"],
  [/^(?:theo|khi co) (?:yeu cau|de nghi|chi dao|huong dan)(?:\s|$)/, "conditional"],
  [/^dot xuat(?:\s|$)/, "conditional"],
  // "Theo kế hoạch riêng", "Theo kế hoạch công tác … hàng năm", "Theo tiến độ …".
  [/^theo (?:ke hoach|chuong trinh|lo trinh|tien do|lich|ke hoach rieng)(?:\s|$)/, "other_plan"],
  [/^theo quy dinh(?:\s|$)/, "unspecified"],
  // "Định kỳ" alone (no period, no day), "Định kỳ hoặc đột xuất".
  [/^dinh ky(?:\s*,?\s*(?:hoac|va)\s+dot xuat|\s+theo quy dinh)?$/, "unspecified"],
  [/^theo (?:thoi gian|thoi han) (?:quy dinh|cua)(?:\s|$)/, "unspecified"],
  // "Trong vòng 30 ngày kể từ ngày …", "Chậm nhất 15 ngày sau khi …": relative to an event.
  [
    /^(?:(?:trong|cham nhat)\s+)?(?:vong\s+|thoi han\s+)?\d+\s+(?:ngay|thang|tuan)(?:\s+lam viec)?\s+(?:ke tu|sau khi|tinh tu|sau)(?:\s|$)/,
    "conditional",
  ],
  // "Chờ hướng dẫn của Bộ", "Chờ đến khi …".
  [
    /^cho\s+(?:den khi|huong dan|van ban|chi dao|y kien|quyet dinh|phe duyet)(?:\s|$)/,
    "conditional",
  ],
];

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

function undated(reason: UndatedReason): DeadlineParseResult {
  return { ok: true, deadline: null, undated: reason };
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

function isRecurring(d: Deadline | null): d is RecurringDeadline {
  return d !== null && ["once", "yearly", "monthly", "quarterly"].includes(d.kind);
}

function isRepeating(d: Deadline | null): boolean {
  return d !== null && ["yearly", "monthly", "quarterly", "several"].includes(d.kind);
}

/** Two or more dates → "several" (duplicates dropped); one date stays itself. */
function severalOf(list: RecurringDeadline[]): DeadlineParseResult {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const [first] = unique;
  if (first === undefined) return fail("empty");
  return unique.length === 1 ? ok(first) : ok({ kind: "several", deadlines: unique });
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

function quarterNumber(label: string): number | undefined {
  return /^\d+$/.test(label) ? Number(label) : ROMAN[label];
}

function parseQuarter(text: string, before: boolean): DeadlineParseResult | null {
  const m = QUARTER.exec(text);
  if (!m) return null;
  const label = m[1] ?? "";
  const quarter = quarterNumber(label);
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

/** "15/11", "ngày 15 tháng 11", "tháng 2", "quý III" without a year → the yearly date. */
function yearlyDate(when: string, before: boolean, whole: string): DeadlineParseResult {
  const probe = parseDate(when) ?? parseMonth(when, false) ?? parseQuarter(when, false);
  if (probe === null) return fail("unknown_phrase", whole);
  if (probe.ok) return fail("ambiguous", "a dated deadline that also says 'hang nam'");
  if (probe.error !== "missing_year") return probe;
  const date = DATE.exec(when);
  if (date) return ok({ kind: "yearly", month: Number(date[2]), day: Number(date[1]) });
  if (before) return periodAfterBefore();
  const month = MONTH.exec(when);
  // Non-leap year: "tháng 2 hằng năm" is due 28/02.
  if (month) return ok({ kind: "yearly", month: Number(month[1]), day: endDay(Number(month[1])) });
  const q = quarterNumber(QUARTER.exec(when)?.[1] ?? "") ?? 0;
  return ok({ kind: "yearly", month: q * 3, day: endDay(q * 3) });
}

/** A list of yearly dates: "01/6 và 15/11" → several yearly; one date → yearly. */
function yearlyDates(when: string, before: boolean, whole: string): DeadlineParseResult {
  const parts = splitList(when);
  if (parts.length < 2) return yearlyDate(when, before, whole);
  const list: RecurringDeadline[] = [];
  let day: string | undefined;
  for (const part of parts) {
    let text = stripFillers(part).text;
    // "ngày 20 tháng 6 và tháng 12": the second month takes the day of the first date.
    const bareMonth = /^thang (\d{1,2})$/.exec(text);
    if (bareMonth && day !== undefined) text = `${day}/${bareMonth[1]}`;
    day = DATE.exec(text)?.[1] ?? day;
    const one = yearlyDate(text, before, whole);
    if (!one.ok) return one;
    if (one.deadline?.kind !== "yearly") return fail("unknown_phrase", whole);
    list.push(one.deadline);
  }
  return severalOf(list);
}

function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** What is left once a recurrence word is removed from the start or the end, if it was there. */
function without(text: string, atStart: RegExp, atEnd: RegExp): string | null {
  if (atStart.test(text)) return text.replace(atStart, "");
  if (atEnd.test(text)) return text.replace(atEnd, "");
  return null;
}

/** "hằng năm" before or after: "trước ngày 15/11 hàng năm", "Hàng năm, trước ngày 20/11". */
function parseEachYear(text: string): DeadlineParseResult | null {
  const rest = without(text, EACH_YEAR_AT_START, EACH_YEAR_AT_END);
  if (rest === null) return null;
  const { text: when, before } = stripFillers(rest);
  // "Hằng năm, trước ngày 15/01 năm sau": the year's report, due early the next year.
  const next = DATE_OF_NEXT_YEAR.exec(when);
  if (next) {
    const [day, month] = [Number(next[1]), Number(next[2])];
    return isValidDate(2000, month, day)
      ? ok({ kind: "yearly", month, day })
      : fail("impossible_date", text);
  }
  // A bare "hằng năm" means by the end of each year.
  if (when === "") return ok({ kind: "yearly", month: 12, day: 31 });
  // The date inside must carry no year: "15/11 hàng năm", never "15/11/2024 hàng năm".
  return yearlyDates(when, before, text);
}

/** Last day of a month in a common year, so "tháng 2 hằng năm" is due 28/02. */
function endDay(month: number): number {
  return daysInMonth(2001, month);
}

function dayOfMonth(text: string): number | null {
  const m = DAY_ONLY.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  return day >= 1 && day <= 31 ? day : null;
}

/** "trước ngày 15 hằng tháng", "Hằng tháng" (the month's last day). */
function parseEachMonth(text: string): DeadlineParseResult | null {
  const rest = without(text, EACH_MONTH_AT_START, EACH_MONTH_AT_END);
  if (rest === null) return null;
  const { text: when } = stripFillers(rest);
  // "Hằng tháng, trước ngày 10 tháng sau": the month's report, due in the next month.
  const next = DAY_OF_NEXT_MONTH.exec(when);
  if (next) {
    const day = Number(next[1]);
    return day >= 1 && day <= 31 ? ok({ kind: "monthly", day }) : fail("impossible_date", text);
  }
  // "hằng tháng, quý, năm": the quarter's and the year's reports fall on month ends too.
  if (when === "" || LONGER_PERIODS_OF_MONTH.test(when)) return ok({ kind: "monthly", day: 31 });
  const parts = splitList(when);
  const days = parts.map(dayOfMonth);
  if (days.some((d) => d === null)) {
    return DAY_ONLY.test(when) ? fail("impossible_date", text) : fail("unknown_phrase", text);
  }
  return severalOf(days.map((day) => ({ kind: "monthly", day: day ?? 31 })));
}

const QUARTER_MONTH: Record<string, number> = {
  dau: 1,
  giua: 2,
  "thu hai": 2,
  "thu 2": 2,
  cuoi: 3,
  "thu ba": 3,
  "thu 3": 3,
};

/** "Hằng quý", "trước ngày 15 của tháng cuối quý", "ngày 20 hằng quý" (the quarter's last month). */
function parseEachQuarter(text: string): DeadlineParseResult | null {
  const inMonth = DAY_OF_QUARTER_MONTH.exec(text);
  const rest = inMonth ? text : without(text, EACH_QUARTER_AT_START, EACH_QUARTER_AT_END);
  if (rest === null) return null;
  const { text: when } = stripFillers(rest);
  // "hằng quý, 6 tháng, năm": the half-year and year reports fall on quarter ends too.
  if (when === "" || LONGER_PERIODS_OF_QUARTER.test(when))
    return ok({ kind: "quarterly", month: 3, day: 31 });
  const m = DAY_OF_QUARTER_MONTH.exec(when);
  const day = m ? Number(m[1]) : dayOfMonth(when);
  const month = m ? (QUARTER_MONTH[m[2] ?? ""] ?? 3) : 3;
  if (day === null) {
    return DAY_ONLY.test(when) ? fail("impossible_date", text) : fail("unknown_phrase", text);
  }
  if (day < 1 || day > 31) return fail("impossible_date", text);
  return ok({ kind: "quarterly", month, day });
}

/** "định kỳ 6 tháng" → 30/6 and 31/12 each year; "định kỳ 6 tháng (trước ngày 15/6 và 15/12)". */
function parseSemiannual(text: string): DeadlineParseResult | null {
  const m = SEMIANNUAL.exec(text);
  if (!m) return null;
  const rest = (m[1] ?? m[2] ?? "").replace(EACH_YEAR_AT_END, "").replace(EACH_YEAR_AT_START, "");
  const { text: when, before } = stripFillers(rest.trim());
  // "định kỳ 6 tháng và hằng năm": the half-year and the year-end reports, the same two dates.
  if (when === "" || /^(?:va|,)?\s*(?:hang nam|ca nam|nam)?$/.test(when)) {
    return ok({
      kind: "several",
      deadlines: [
        { kind: "yearly", month: 6, day: 30 },
        { kind: "yearly", month: 12, day: 31 },
      ],
    });
  }
  const dates = yearlyDates(when, before, text);
  if (!dates.ok || dates.deadline?.kind !== "several") return fail("unknown_phrase", text);
  return dates;
}

/** "Từ tháng 6 đến tháng 12/2024", "Quý IV/2025 - Quý II/2026": due at the end of the range. */
function rangeEnd(from: string, to: string, whole: string): DeadlineParseResult {
  const end = parseCore(to);
  if (!end.ok) return end;
  if (end.deadline?.kind !== "once") return fail("ambiguous", whole);
  const endDue = end.deadline.due;
  let start = parseCore(from);
  // "từ tháng 6 đến tháng 12/2024": the start takes the year of the end.
  if (!start.ok && start.error === "missing_year") {
    start = parseCore(`${from} nam ${endDue.slice(0, 4)}`);
  }
  if (!start.ok) return start;
  if (start.deadline?.kind !== "once") return fail("ambiguous", whole);
  if (start.deadline.due > endDue) return fail("reversed_range", whole);
  return end;
}

function parseRange(text: string): DeadlineParseResult | null {
  const quarters = QUARTER_SPAN.exec(text);
  if (quarters) {
    const [from, to] = [quarterNumber(quarters[1] ?? ""), quarterNumber(quarters[2] ?? "")];
    const year = Number(quarters[3]);
    if (from === undefined || to === undefined || from < 1 || to > 4 || !validYear(year))
      return fail("impossible_date", text);
    if (to < from) return fail("reversed_range", text);
    return once(endOfQuarter(year, to));
  }
  const span = MONTH_SPAN.exec(text);
  if (span) {
    const [from, to, year] = [Number(span[1]), Number(span[2]), Number(span[3])];
    if (from < 1 || from > 12 || to < 1 || to > 12 || !validYear(year))
      return fail("impossible_date", text);
    if (to < from) return fail("reversed_range", text);
    return once(endOfMonth(year, to));
  }
  const m = PERIOD_RANGE.exec(text);
  if (!m) return null;
  return rangeEnd(m[1] ?? "", m[2] ?? "", text);
}

/** A range written without "từ": tried only when the whole phrase means nothing else. */
function parseBareRange(text: string): DeadlineParseResult | null {
  let reversed: DeadlineParseResult | null = null;
  for (const sep of text.matchAll(RANGE_SEPARATOR)) {
    const from = text.slice(0, sep.index).trim();
    const to = text.slice(sep.index + sep[0].length).trim();
    if (from === "" || to === "") continue;
    const end = rangeEnd(from, to, text);
    if (end.ok) return end;
    if (end.error === "reversed_range") reversed ??= end;
  }
  return reversed;
}

/** A list of dates ("Quý II/2025 và Quý IV/2025", "30/6/2025; 31/12/2025") → several. */
function parseList(text: string): DeadlineParseResult | null {
  const parts = splitList(text);
  if (parts.length < 2) return null;
  const lastYear = /(\d{4})$/.exec(parts.at(-1) ?? "")?.[1];
  const list: RecurringDeadline[] = [];
  for (const part of parts) {
    let one = parseCore(part);
    if (!one.ok && one.error === "missing_year" && lastYear) one = parseCore(`${part}/${lastYear}`);
    if (!one.ok || !isRecurring(one.deadline)) return null;
    list.push(one.deadline);
  }
  return severalOf(list);
}

/** "Thường xuyên, …": ongoing, unless what follows is itself a repeating date. */
function parseOngoing(text: string): DeadlineParseResult | null {
  const m = ONGOING.exec(text);
  if (!m) return DAILY_OR_WEEKLY.test(text) ? ok({ kind: "ongoing" }) : null;
  const rest = (m[1] ?? "").trim();
  if (rest !== "" && /\d/.test(rest)) {
    const inner = parseCore(rest);
    if (inner.ok && isRepeating(inner.deadline)) return inner;
  }
  return ok({ kind: "ongoing" });
}

/** "Năm 2025 và các năm tiếp theo", "Từ 01/7/2025": a start with no end is ongoing. */
function parseOpenEnded(text: string): DeadlineParseResult | null {
  const open = OPEN_ENDED.exec(text);
  if (open) {
    const start = parseCore((open[1] ?? "").replace(/^(?:ke )?tu\s+/, ""));
    return start.ok && start.deadline !== null ? ok({ kind: "ongoing" }) : null;
  }
  if (PERIOD_RANGE.test(text)) return null;
  const from = START_ONLY.exec(text);
  if (!from) return null;
  const start = parseCore(from[1] ?? "");
  return start.ok && start.deadline?.kind === "once" ? ok({ kind: "ongoing" }) : null;
}

function parseUndated(text: string): DeadlineParseResult | null {
  for (const [pattern, reason] of UNDATED) if (pattern.test(text)) return undated(reason);
  return null;
}

/**
 * `whole`: the phrase itself, not a part of it. Only the whole phrase is tried as a range or a
 * list without "từ" (each part is read by the plain rules), so that the work stays linear in
 * the phrase's length whatever dashes and commas it holds.
 */
function parseCore(normalized: string, whole = false): DeadlineParseResult {
  const undatedResult = parseUndated(normalized);
  if (undatedResult) return undatedResult;
  const semiannual = parseSemiannual(normalized);
  if (semiannual) return semiannual;
  const { text, before } = stripFillers(normalized);
  if (text === "") return fail("empty");
  const direct =
    parseUndated(text) ??
    parseOngoing(text) ??
    parseOpenEnded(text) ??
    parseEachQuarter(text) ??
    parseEachMonth(text) ??
    parseEachYear(text) ??
    parseHalfYear(text, before) ??
    parseYears(text, before) ??
    parseRange(text) ??
    parseQuarter(text, before) ??
    parseMonth(text, before) ??
    parseDate(text);
  if (direct) return direct;
  return (
    (whole ? (parseBareRange(text) ?? parseList(text)) : null) ??
    (OTHER_RECURRENCE.test(text)
      ? fail("unsupported_recurrence", text)
      : fail("unknown_phrase", text))
  );
}

function stripAround(text: string): string {
  let s = text;
  for (let previous = ""; previous !== s;) {
    previous = s;
    s = s
      .replace(LEADING_JUNK, "")
      .replace(LIST_MARK, "")
      .replace(TRAILING_JUNK, "")
      .replace(LONG_PREFIX, "")
      .replace(PREFIX, "")
      .trim();
  }
  return s;
}

/** Folds the phrase and removes labels, bullets and brackets around it. */
function cleanPhrase(text: string): string {
  const folded = stripAround(
    fold(text)
      // Old spelling: "Quí IV-2025"; the short form "Q4/2025".
      .replace(/(^|[^a-z])qui(?=$|[^a-z])/g, "$1quy")
      .replace(/(^|[^a-z])q\s*([1-4])(?=\s*[/.-]\s*\d{4}|\s+nam\s)/g, "$1quy $2"),
  );
  // "hằng năm (trước ngày 15 tháng 11)" reads as "hằng năm, trước ngày 15 tháng 11".
  const flat = stripAround(
    folded
      .replace(/\s*\(\s*/g, ", ")
      .replace(/\s*\)\s*/g, " ")
      .replace(/\s+/g, " "),
  );
  const qualified = flat.replace(QUALIFIER, "");
  return qualified === "" ? flat : stripAround(qualified);
}

/**
 * The normalised JSON form written where a phrase is expected (a CSV or Excel cell:
 * `{"kind":"monthly","day":15}`); null when the text is not JSON at all.
 */
function parseJsonForm(text: string): DeadlineParseResult | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return fail("unknown_phrase", "not valid JSON");
  }
  if (value === null) return null;
  const parsed = deadlineSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : fail("unknown_phrase", "not a deadline object");
}

/** Reads a deadline phrase from a plan; returns an error code rather than guessing. */
export function parseDeadline(text: string): DeadlineParseResult {
  const json = parseJsonForm(text);
  if (json) return json;
  const normalized = cleanPhrase(text);
  if (normalized === "") return fail("empty");
  const undatedResult = parseUndated(normalized);
  if (undatedResult) return undatedResult;
  if (normalized.length > MAX_LENGTH) return fail("unknown_phrase", "too long");
  const result = parseCore(normalized, true);
  const bracketInside = /\(([^()]*)\)/.exec(text)?.[1];
  // "Năm 2026 (trước ngày 30/6/2026)": a bracket that names one date refines the phrase.
  if (result.ok && result.deadline?.kind === "several" && bracketInside !== undefined) {
    const refined = parseCore(cleanPhrase(bracketInside), true);
    if (refined.ok && refined.deadline !== null && refined.deadline.kind !== "several")
      return refined;
  }
  if (result.ok) return result;
  // "Quý III/2025 (hoàn thành trước 30/9/2025)", "Tháng 10/2025 (báo cáo năm)": the phrase
  // without its bracket, then the bracket alone — when either reads as a date.
  const bracket = /\(([^()]*)\)/.exec(fold(text));
  if (bracket) {
    for (const part of [text.replace(/\([^()]*\)/g, " "), bracket[1] ?? ""]) {
      const retry = parseCore(cleanPhrase(part), true);
      if (retry.ok && retry.deadline !== null) return retry;
    }
  }
  return result;
}
