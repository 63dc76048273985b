import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysInMonth } from "../../src/domain/deadline/calendar.js";
import { parseDeadline } from "../../src/domain/deadline/parse.js";
import {
  DEADLINE_ERROR_CODES,
  UNDATED_REASONS,
  deadlineSchema,
} from "../../src/domain/deadline/types.js";

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
