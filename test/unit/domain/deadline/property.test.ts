import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth, parseIsoDate } from "../../../../src/domain/deadline/calendar.js";
import { occurrencePeriods } from "../../../../src/domain/deadline/periods.js";
import type { Deadline } from "../../../../src/domain/deadline/types.js";
import { parseDeadline } from "../../../../src/domain/deadline/parse.js";
import {
  DEADLINE_ERROR_CODES,
  UNDATED_REASONS,
  deadlineSchema,
} from "../../../../src/domain/deadline/types.js";

const pad = (n: number) => String(n).padStart(2, "0");

// Vietnamese-looking noise: the words and characters the rules look at, in any order.
const word = fc.constantFrom(
  "quý",
  "tháng",
  "năm",
  "ngày",
  "trước",
  "hàng",
  "hằng",
  "thường",
  "xuyên",
  "từ",
  "đến",
  "II",
  "IV",
  "6",
  "30",
  "2024",
  "/",
  "-",
  ".",
  ",",
  ":",
  "đầu",
  "cuối",
  "giai đoạn",
  "và",
  "Thời gian hoàn thành:",
  "hằng tháng",
  "hằng quý",
  "định kỳ",
  "khi",
  "sau khi",
  "theo kế hoạch",
  "các năm tiếp theo",
  "(",
  ")",
  "Quí",
  "tháng cuối quý",
);
const phraseLike = fc.array(word, { maxLength: 12 }).map((ws) => ws.join(" "));

describe("parseDeadline never throws and always returns a well-formed result", () => {
  it.each([
    ["any string", fc.string({ maxLength: 300 })],
    ["any unicode string", fc.string({ unit: "grapheme", maxLength: 100 })],
    ["phrase-like strings", phraseLike],
  ])("%s", (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const result = parseDeadline(text);
        if (result.ok && result.deadline === null) {
          expect(UNDATED_REASONS).toContain(result.undated);
        } else if (result.ok) {
          expect(deadlineSchema.safeParse(result.deadline).success).toBe(true);
        } else {
          expect(DEADLINE_ERROR_CODES).toContain(result.error);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("parseDeadline reads any real date in any usual spelling", () => {
  const realDate = fc
    .record({
      year: fc.integer({ min: 1990, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
    })
    .filter(({ year, month, day }) => day <= daysInMonth(year, month));
  const spelling = fc.constantFrom(
    (y: number, m: number, d: number) => `${d}/${m}/${y}`,
    (y: number, m: number, d: number) => `trước ngày ${pad(d)}/${pad(m)}/${y}.`,
    (y: number, m: number, d: number) => `${d}-${m}-${y}`,
    (y: number, m: number, d: number) => `${d}.${m}.${y}`,
    (y: number, m: number, d: number) => `ngày ${d} tháng ${m} năm ${y}`,
    (y: number, m: number, d: number) => `Thoi han: truoc ngay ${d} thang ${m} nam ${y}`,
  );

  it("gives back that same day", () => {
    fc.assert(
      fc.property(realDate, spelling, ({ year, month, day }, spell) => {
        expect(parseDeadline(spell(year, month, day))).toEqual({
          ok: true,
          deadline: { kind: "once", due: `${year}-${pad(month)}-${pad(day)}` },
        });
      }),
    );
  });

  it("refuses a day past the end of its month", () => {
    const pastEnd = fc
      .record({
        year: fc.integer({ min: 1990, max: 2100 }),
        month: fc.integer({ min: 1, max: 12 }),
      })
      .map(({ year, month }) => ({ year, month, day: daysInMonth(year, month) + 1 }))
      .filter(({ day }) => day <= 31);
    fc.assert(
      fc.property(pastEnd, ({ year, month, day }) => {
        expect(parseDeadline(`${day}/${month}/${year}`)).toMatchObject({
          ok: false,
          error: "impossible_date",
        });
      }),
    );
  });
});

describe("occurrencePeriods for periodic deadlines (property)", () => {
  const day = fc.integer({ min: 1, max: 31 });
  const isoDay = fc
    .record({
      year: fc.integer({ min: 2024, max: 2027 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`);
  const periodic = fc.oneof(
    day.map((d): Deadline => ({ kind: "monthly", day: d })),
    fc
      .record({ month: fc.integer({ min: 1, max: 3 }), day })
      .map(({ month, day }): Deadline => ({ kind: "quarterly", month, day })),
    fc
      .uniqueArray(
        fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }),
        { minLength: 2, maxLength: 4, selector: (d) => d.month * 100 + d.day },
      )
      .map((dates): Deadline => ({
        kind: "several",
        deadlines: dates.map((d) => ({ kind: "yearly", month: d.month, day: d.day })),
      })),
  );

  it("gives distinct keys, real due dates in order, and periods that follow one another", () => {
    fc.assert(
      fc.property(periodic, isoDay, isoDay, (deadline, a, b) => {
        const [planStart, today] = a <= b ? [a, b] : [b, a];
        const periods = occurrencePeriods(deadline, { today, planStart });
        expect(new Set(periods.map((p) => p.key)).size).toBe(periods.length);
        periods.forEach((p, i) => {
          expect(p.due).not.toBeNull();
          const due = p.due ?? "";
          expect(parseIsoDate(due)).not.toBeNull();
          expect(p.start <= due).toBe(true);
          // Nothing opens before the plan, except a date that fell before it (opens on its day).
          expect(p.start >= planStart || p.start === due).toBe(true);
          const previous = periods[i - 1];
          if (previous) expect((previous.due ?? "") < due).toBe(true);
        });
        if (deadline.kind !== "several") {
          // Up to the period open today, and no further.
          const last = periods.at(-1);
          expect(last && last.start <= today && today <= (last.due ?? "")).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("has one monthly period per month and one quarterly period per quarter", () => {
    fc.assert(
      fc.property(day, isoDay, (d, today) => {
        const monthly = occurrencePeriods(
          { kind: "monthly", day: d },
          { today, planStart: "2024-01-01" },
        );
        const months = monthly.map((p) => (p.due ?? "").slice(0, 7));
        expect(new Set(months).size).toBe(months.length);
        expect(monthly.map((p) => p.key)).toEqual(months);
        const quarterly = occurrencePeriods(
          { kind: "quarterly", month: 2, day: d },
          { today, planStart: "2024-01-01" },
        );
        for (const p of quarterly) {
          const month = Number((p.due ?? "").slice(5, 7));
          expect(month % 3).toBe(2);
          expect(p.key).toBe(`${(p.due ?? "").slice(0, 4)}-Q${(month + 1) / 3}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
