import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  createWorkCalendar,
  holidayFileSchema,
  parseHolidayFile,
  provisionalEntries,
  type HolidayFile,
} from "../../../../src/domain/calendar/index.js";

const HOLIDAY_DIR = new URL("../../../../data/holidays/", import.meta.url);

function loadHolidayFiles(): HolidayFile[] {
  return readdirSync(HOLIDAY_DIR)
    .filter((name) => /^vn-\d{4}\.json$/.test(name))
    .map((name) =>
      parseHolidayFile(JSON.parse(readFileSync(new URL(name, HOLIDAY_DIR), "utf8")), name),
    );
}

const files = loadHolidayFiles();
const cal = createWorkCalendar(files);
/** A Vietnam wall-clock time as an instant. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe("holiday files", () => {
  it("cover 2024 to 2027 and all pass the schema", () => {
    expect(files.map((f) => f.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(cal.coveredYears).toEqual([2024, 2025, 2026, 2027]);
  });

  it("mark only 2026 and 2027 entries as provisional, each with a note", () => {
    const provisional = provisionalEntries(files);
    expect(provisional.length).toBeGreaterThan(0);
    expect(new Set(provisional.map((e) => e.date.slice(0, 4)))).toEqual(new Set(["2026", "2027"]));
    expect(provisional.every((e) => (e.note ?? "").length > 0)).toBe(true);
  });

  it.each([
    [
      "a working Saturday that is a Friday",
      { date: "2025-04-25", name: "x", kind: "working_saturday" },
    ],
    [
      "a day off in lieu on a Sunday",
      { date: "2025-04-27", name: "x", kind: "compensatory_day_off" },
    ],
    ["a date outside the year", { date: "2024-12-31", name: "x", kind: "holiday" }],
    ["an impossible date", { date: "2025-02-30", name: "x", kind: "holiday" }],
    ["an unknown kind", { date: "2025-01-01", name: "x", kind: "bank_holiday" }],
    [
      "a provisional entry without a note",
      { date: "2025-01-01", name: "x", kind: "holiday", provisional: true },
    ],
  ])("reject %s", (_label, entry) => {
    const file = { year: 2025, source: "test", entries: [entry] };
    expect(holidayFileSchema.safeParse(file).success).toBe(false);
    expect(() => parseHolidayFile(file, "vn-2025.json")).toThrow(/vn-2025.json/);
  });

  it("reject a date listed twice and a file named after another year", () => {
    const entry = { date: "2025-01-01", name: "Tết Dương lịch", kind: "holiday" };
    expect(() => parseHolidayFile({ year: 2025, source: "t", entries: [entry, entry] })).toThrow(
      /twice/,
    );
    expect(() =>
      parseHolidayFile({ year: 2025, source: "t", entries: [entry] }, "vn-2024.json"),
    ).toThrow(/vn-2025.json/);
  });

  it("refuse two files for the same year", () => {
    expect(() => createWorkCalendar([files[0]!, files[0]!])).toThrow(/2024/);
  });
});

describe("working days", () => {
  it.each([
    ["2024-06-28", true, "Friday"],
    ["2024-06-29", false, "Saturday"],
    ["2024-06-30", false, "Sunday"],
    ["2024-07-01", true, "Monday"],
    ["2024-01-01", false, "Tết Dương lịch 2024"],
    ["2024-02-07", true, "the day before Tết 2024 off"],
    ["2024-02-08", false, "Tết 2024 first day off"],
    ["2024-02-14", false, "Tết 2024 last day off"],
    ["2024-02-15", true, "back after Tết 2024"],
    ["2024-04-18", false, "Giỗ Tổ Hùng Vương 2024"],
    ["2024-04-29", false, "Monday swapped off, 2024"],
    ["2024-04-30", false, "30/4/2024"],
    ["2024-05-01", false, "1/5/2024"],
    ["2024-05-04", true, "Saturday worked in exchange, 2024"],
    ["2024-09-02", false, "Quốc khánh 2024"],
    ["2024-09-03", false, "day after Quốc khánh 2024"],
    ["2025-01-01", false, "Tết Dương lịch 2025"],
    ["2025-01-24", true, "last working day before Tết 2025"],
    ["2025-01-27", false, "Tết 2025 Monday"],
    ["2025-01-31", false, "Tết 2025 Friday"],
    ["2025-02-03", true, "back after Tết 2025"],
    ["2025-04-07", false, "Giỗ Tổ Hùng Vương 2025"],
    ["2025-04-26", true, "Saturday worked in exchange, 2025"],
    ["2025-04-30", false, "30/4/2025"],
    ["2025-05-01", false, "1/5/2025"],
    ["2025-05-02", false, "Friday swapped off, 2025"],
    ["2025-05-05", true, "back after 30/4–1/5 2025"],
    ["2025-09-01", false, "day before Quốc khánh 2025"],
    ["2025-09-02", false, "Quốc khánh 2025"],
    ["2025-09-03", true, "back after Quốc khánh 2025"],
    ["2026-02-17", false, "Tết Bính Ngọ"],
    ["2026-04-27", false, "Monday off in lieu of Giỗ Tổ on a Sunday, 2026"],
    ["2027-02-08", false, "Tết Đinh Mùi, mùng 3"],
    ["2027-05-03", false, "Monday off in lieu of 1/5 on a Saturday, 2027"],
    ["2028-01-01", false, "a Saturday in a year with no file"],
    ["2028-01-03", true, "a Monday in a year with no file"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it("tell which years it knows the holidays of", () => {
    expect(cal.isCovered("2025-06-01")).toBe(true);
    expect(cal.isCovered("2028-06-01")).toBe(false);
  });

  it("name the holiday of a day off", () => {
    expect(cal.entryOn("2025-01-29")?.name).toMatch(/Tết Nguyên đán/);
    expect(cal.entryOn("2025-04-26")?.kind).toBe("working_saturday");
    expect(cal.entryOn("2025-03-03")).toBeUndefined();
  });

  it("give weekdays Sunday = 0 … Saturday = 6", () => {
    expect(cal.weekday("2024-06-30")).toBe(0);
    expect(cal.weekday("2024-07-01")).toBe(1);
    expect(cal.weekday("2025-04-26")).toBe(6);
  });
});

describe("addWorkingDays and workingDaysBetween", () => {
  it.each([
    ["2024-06-28", 1, "2024-07-01", "Friday + 1 → Monday"],
    ["2024-06-30", -1, "2024-06-28", "Sunday − 1 → Friday"],
    ["2024-06-28", -7, "2024-06-19", "a week and a half back"],
    ["2025-01-24", 1, "2025-02-03", "across Tết 2025"],
    ["2025-02-03", -1, "2025-01-24", "back across Tết 2025"],
    ["2025-04-25", 1, "2025-04-26", "Friday + 1 → the working Saturday"],
    ["2025-04-29", 1, "2025-05-05", "across 30/4–2/5 2025"],
    ["2024-02-07", 1, "2024-02-15", "across Tết 2024"],
    ["2025-06-15", 0, "2025-06-15", "n = 0 leaves the date as it is"],
  ])("%s %i working days → %s (%s)", (date, n, expected) => {
    expect(cal.addWorkingDays(date, n)).toBe(expected);
  });

  it.each([
    ["2024-06-28", "2024-07-01", 1],
    ["2024-07-01", "2024-06-28", -1],
    ["2025-01-24", "2025-02-03", 1],
    ["2025-04-21", "2025-05-05", 8],
    ["2025-03-03", "2025-03-03", 0],
  ])("working days from %s to %s: %d", (a, b, expected) => {
    expect(cal.workingDaysBetween(a, b)).toBe(expected);
  });

  it("counts 250 working days in 2025 and 251 in 2024", () => {
    // 2025: 261 weekdays − 12 weekdays off + 1 working Saturday
    expect(cal.workingDaysBetween("2024-12-31", "2025-12-31")).toBe(261 - 12 + 1);
    // 2024: 262 weekdays − 12 weekdays off + 1 working Saturday
    expect(cal.workingDaysBetween("2023-12-31", "2024-12-31")).toBe(262 - 12 + 1);
  });

  it("are inverse of each other on working days (property)", () => {
    const day = fc
      .integer({ min: 0, max: 4 * 365 })
      .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -80, max: 80 }), (date, n) => {
        const target = cal.addWorkingDays(date, n);
        if (n !== 0) expect(cal.isWorkingDay(target)).toBe(true);
        if (cal.isWorkingDay(date)) {
          expect(cal.workingDaysBetween(date, target)).toBe(n);
          expect(cal.addWorkingDays(date, cal.workingDaysBetween(date, target))).toBe(target);
        }
      }),
    );
  });
});

describe("nextWorkingMoment", () => {
  it.each([
    ["2025-03-04T10:15", "2025-03-04T10:15", "inside working time: unchanged"],
    ["2025-03-04T07:30", "2025-03-04T07:30", "opening time is inside"],
    ["2025-03-04T06:00", "2025-03-04T07:30", "early morning → opening the same day"],
    ["2025-03-04T17:00", "2025-03-05T07:30", "closing time → next morning"],
    ["2025-03-04T21:45", "2025-03-05T07:30", "evening → next morning"],
    ["2025-03-07T18:00", "2025-03-10T07:30", "Friday evening → Monday"],
    ["2025-03-08T10:00", "2025-03-10T07:30", "Saturday → Monday"],
    ["2025-01-24T17:30", "2025-02-03T07:30", "before Tết 2025 → after Tết"],
    ["2025-01-29T09:00", "2025-02-03T07:30", "during Tết → after Tết"],
    ["2025-04-29T17:05", "2025-05-05T07:30", "before 30/4–1/5 2025 → after"],
    ["2025-04-25T17:30", "2025-04-26T07:30", "Friday evening → the working Saturday"],
    ["2024-02-07T23:59", "2024-02-15T07:30", "before Tết 2024 → after Tết"],
  ])("%s → %s (%s)", (at, expected) => {
    expect(cal.nextWorkingMoment(vn(at)).toISOString()).toBe(vn(expected).toISOString());
  });

  it("decides in Vietnam time whatever the instant's UTC date", () => {
    // 2025-03-07 23:30 UTC is Saturday 06:30 in Vietnam.
    expect(cal.localDate(new Date("2025-03-07T23:30:00Z"))).toBe("2025-03-08");
    expect(cal.nextWorkingMoment(new Date("2025-03-07T23:30:00Z")).toISOString()).toBe(
      "2025-03-10T00:30:00.000Z",
    );
  });

  it("honours other working hours and rejects inverted ones", () => {
    const late = createWorkCalendar(files, { start: "08:00", end: "16:30" });
    expect(late.nextWorkingMoment(vn("2025-03-04T07:45")).toISOString()).toBe(
      vn("2025-03-04T08:00").toISOString(),
    );
    expect(late.isWorkingTime(vn("2025-03-04T16:40"))).toBe(false);
    expect(() => createWorkCalendar(files, { start: "17:00", end: "07:30" })).toThrow();
  });

  it("always lands inside working time, never earlier than asked (property)", () => {
    const start = Date.UTC(2024, 0, 1);
    const span = 4 * 365 * 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), (offset) => {
        const at = new Date(start + offset);
        const next = cal.nextWorkingMoment(at);
        expect(cal.isWorkingTime(next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(next.getTime() - at.getTime()).toBeLessThan(10 * 86_400_000);
      }),
    );
  });
});
