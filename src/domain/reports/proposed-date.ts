import {
  addDays,
  dayNumber,
  isLocalDate,
  lastDayOfMonth,
  makeLocalDate,
  weekdayOf,
} from "../calendar/local-date.js";

export type DateFinding =
  | { kind: "none" }
  | { kind: "bad"; from: number; to: number }
  | { kind: "date"; date: string; from: number; to: number };

const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
// Words leading to a date ("đến hết ngày …"), removed with it; each must start a word.
const LEAD = String.raw`(?:(?<![a-z])(?:den|toi|sang|thanh|vao|truoc|lui|keo dai|to|until|till)\s+)*`;
const END_OF = String.raw`(?<![a-z])(?:het|cuoi)\s+`;
const CONNECTORS = String.raw`${LEAD}(?:${END_OF})?(?:(?<![a-z])ngay\s+)?`;
const YEAR = String.raw`(?:\s*(?:nam|/|-|\.)\s*(\d+))?`;
/**
 * More numbers glued on after a date ("30/12/2026/2027", the 5th digit of "31/12/99999"): the
 * date is refused rather than read without them (which left "2027" as a note).
 */
const TAIL = String.raw`(?<tail>(?:\s*/\s*\d+|[.-]\d+)*)`;

/** Date shapes people type, on folded text, each with the connectors that lead to it. */
const PATTERNS: ReadonlyArray<{ re: RegExp; read: (m: RegExpExecArray) => Parts | null }> = [
  {
    // 30/9, 30/9/2025, 30-9-25, 30.9, "ngày 30/9"
    re: new RegExp(
      String.raw`${CONNECTORS}(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d+))?(?![\d%])${TAIL}`,
    ),
    read: (m) => ({ day: m[1], month: m[3], year: m[4] }),
  },
  {
    // "ngày 30 tháng 9 (năm 2025)", "30 thang 9"
    re: new RegExp(
      String.raw`${CONNECTORS}(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)${YEAR}${TAIL}`,
    ),
    read: (m) => ({ day: m[1], month: m[2], year: m[3] }),
  },
  {
    // "hết tháng 10", "cuối tháng 10/2025", "tháng 10" → the last day of that month
    re: new RegExp(String.raw`${CONNECTORS}(?<![a-z])thang\s+(\d{1,2})(?!\d)${YEAR}${TAIL}`),
    read: (m) => ({ day: "end", month: m[1], year: m[2] }),
  },
  {
    // "hết quý III", "quý 4 năm 2025" → the last day of that quarter
    re: new RegExp(
      String.raw`${CONNECTORS}(?<![a-z])quy\s+(iv|iii|ii|i|[1-4])(?![a-z\d])${YEAR}${TAIL}`,
    ),
    read: (m) => {
      const q = ROMAN_QUARTERS[m[1] ?? ""] ?? Number(m[1]);
      return { day: "end", month: String(q * 3), year: m[2] };
    },
  },
  {
    // "cuối năm", "hết năm 2025" → 31/12
    re: new RegExp(String.raw`${LEAD}${END_OF}(?<![a-z])nam(?:\s+(\d{4}))?(?![a-z\d])`),
    read: (m) => ({ day: "31", month: "12", year: m[1] }),
  },
];

/** Number words people type for a few days or weeks: "thêm một tuần", "khất hai hôm". */
const NUMBER_WORDS: Record<string, number> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const NUMBER = String.raw`(\d{1,3}|${Object.keys(NUMBER_WORDS).join("|")})`;
/** Thứ 2 … thứ 7 and chủ nhật as JavaScript weekdays (0 = Sunday). */
const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6 };
/** Far enough: "thêm 999 tuần" is no extension anyone asks for. */
const MAX_DAYS_AHEAD = 3660;

/**
 * Dates said relative to today, read with `today` only (no clock inside): "thêm 1 tuần", "3 ngày
 * nữa", "đến thứ 6", "thứ 6 tuần sau", "đến mai", "cuối tháng", "sang tháng sau". Checked after the
 * written dates, which win at the same place.
 */
const RELATIVE: ReadonlyArray<{ re: RegExp; date: (m: RegExpExecArray, today: string) => string }> =
  [
    {
      // "thêm 1 tuần", "3 ngày nữa", "trong 2 tuần": that long from today
      re: new RegExp(
        String.raw`${LEAD}(?:(?<![a-z])(?:them|trong)\s+)?(?<![a-z\d])${NUMBER}\s+(ngay|hom|tuan|thang)(?![a-z])(?:\s+nua(?![a-z]))?`,
      ),
      date: (m, today) => {
        const n = NUMBER_WORDS[m[1] ?? ""] ?? Number(m[1]);
        const unit = m[2];
        if (unit === "thang") {
          const [y, mo, d] = today.split("-").map(Number) as [number, number, number];
          const month0 = mo - 1 + n;
          const year = y + Math.floor(month0 / 12);
          const month = (month0 % 12) + 1;
          const last = Number(lastDayOfMonth(year, month).slice(8));
          return makeLocalDate(year, month, Math.min(d, last));
        }
        return addDays(today, unit === "tuan" ? 7 * n : n);
      },
    },
    {
      // "đến thứ 6", "thứ sáu tuần sau", "chủ nhật": the next such day after today
      re: new RegExp(
        String.raw`${CONNECTORS}(?<![a-z])(?:thu\s+([2-7]|hai|ba|tu|nam|sau|bay)|chu nhat|cn)(?![a-z\d])(?:\s+(tuan\s+(?:sau|toi)))?`,
      ),
      date: (m, today) => {
        const name = m[1];
        const weekday = name === undefined ? 0 : (WEEKDAYS[name] ?? Number(name) - 1);
        // Monday-based weeks: Sunday is the 7th day.
        const index = (d: number) => (d === 0 ? 7 : d);
        const now = index(weekdayOf(today));
        if (m[2] !== undefined) return addDays(today, 7 - now + index(weekday));
        const ahead = (index(weekday) - now + 7) % 7;
        return addDays(today, ahead === 0 ? 7 : ahead);
      },
    },
    {
      // "đến mai", "sang ngày mai": a lead word is needed ("chị Mai" is someone)
      re: new RegExp(
        String.raw`(?:(?<![a-z])(?:den|toi|sang|vao|het)\s+)+(?:ngay\s+)?mai(?![a-z])`,
      ),
      date: (_m, today) => addDays(today, 1),
    },
    {
      // "sang tháng sau", "hết tháng tới": the last day of next month
      re: new RegExp(String.raw`${LEAD}(?:${END_OF})?(?<![a-z])thang\s+(?:sau|toi)(?![a-z])`),
      date: (_m, today) => {
        const [y, mo] = today.split("-").map(Number) as [number, number];
        return mo === 12 ? lastDayOfMonth(y + 1, 1) : lastDayOfMonth(y, mo + 1);
      },
    },
    {
      // "đến cuối tháng", "hết tháng này": the last day of this month
      re: new RegExp(String.raw`${LEAD}${END_OF}thang(?:\s+nay)?(?![a-z\d]|\s+\d)`),
      date: (_m, today) => {
        const [y, mo] = today.split("-").map(Number) as [number, number];
        return lastDayOfMonth(y, mo);
      },
    },
  ];

interface Parts {
  day: string | undefined;
  month: string | undefined;
  year: string | undefined;
}

/** The parts read, or null when numbers follow the date (see TAIL). */
const withTail =
  (read: (m: RegExpExecArray) => Parts | null) =>
  (m: RegExpExecArray): Parts | null =>
    m.groups?.tail ? null : read(m);

/**
 * The first date in folded text, written ("30/9") or relative to `today` ("thêm 1 tuần", "thứ 6"). A date without a year takes the year that puts it nearest to
 * `today` (so "15/1" typed in December is next January, and "30/9" typed on 2 October is the
 * 30/9 just gone, which the caller reports as in the past).
 */
export function findProposedDate(text: string, today: string): DateFinding {
  let best: { m: RegExpExecArray; read: (m: RegExpExecArray) => Parts | null } | null = null;
  for (const { re, read } of PATTERNS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.m.index)) best = { m, read: withTail(read) };
  }
  let relative: { m: RegExpExecArray; date: string } | null = null;
  for (const { re, date } of RELATIVE) {
    const m = re.exec(text);
    if (m && (relative === null || m.index < relative.m.index))
      relative = { m, date: date(m, today) };
  }
  if (relative !== null && (best === null || relative.m.index < best.m.index)) {
    const from = relative.m.index;
    const to = from + relative.m[0].length;
    const far = dayNumber(relative.date) - dayNumber(today) > MAX_DAYS_AHEAD;
    return far ? { kind: "bad", from, to } : { kind: "date", date: relative.date, from, to };
  }
  if (best === null) return { kind: "none" };
  const from = best.m.index;
  const to = from + best.m[0].length;
  const date = resolve(best.read(best.m), today);
  return date === null ? { kind: "bad", from, to } : { kind: "date", date, from, to };
}

function resolve(parts: Parts | null, today: string): string | null {
  if (parts === null) return null;
  const month = Number(parts.month);
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  const thisYear = Number(today.slice(0, 4));
  const build = (year: number): string | null => {
    const date =
      parts.day === "end"
        ? lastDayOfMonth(year, month)
        : makeLocalDate(year, month, Number(parts.day));
    return isLocalDate(date) ? date : null;
  };
  if (parts.year !== undefined) {
    const written = Number(parts.year);
    const year = parts.year.length === 2 ? 2000 + written : written;
    if (parts.year.length === 3 || parts.year.length > 4 || year > thisYear + 10) return null;
    return build(year);
  }
  // The nearest year is chosen on the day and month alone, so that "29/2" in a common year is
  // reported as a bad date rather than moved to a leap year.
  const todayNumber = dayNumber(today);
  const day = parts.day === "end" ? 28 : Math.min(Math.max(Number(parts.day), 1), 28);
  let nearestYear = thisYear;
  for (const year of [thisYear - 1, thisYear + 1]) {
    const distance = Math.abs(dayNumber(makeLocalDate(year, month, day)) - todayNumber);
    const best = Math.abs(dayNumber(makeLocalDate(nearestYear, month, day)) - todayNumber);
    // Ties go to the later year: "in the future" is what someone asking for more time means.
    if (distance < best || (distance === best && year > nearestYear)) nearestYear = year;
  }
  return build(nearestYear);
}
