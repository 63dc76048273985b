import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../../../src/domain/deadline/parse.js";
import type { Deadline, DeadlineErrorCode } from "../../../../src/domain/deadline/types.js";
import { deadlineSchema } from "../../../../src/domain/deadline/types.js";

const ongoing: Deadline = { kind: "ongoing" };
const once = (due: string): Deadline => ({ kind: "once", due });
const yearly = (month: number, day: number): Deadline => ({ kind: "yearly", month, day });
const years = (...ys: number[]): Deadline => ({ kind: "years", years: ys });

const understood: Array<[string, Deadline]> = [
  // ongoing
  ["Thường xuyên", ongoing],
  ["Thường xuyên.", ongoing],
  ["thuong xuyen", ongoing],
  ["THƯỜNG XUYÊN", ongoing],
  ["thường xuyên, liên tục", ongoing],
  ["Thuong xuyen, lien tuc.", ongoing],
  ["Thời gian hoàn thành: Thường xuyên.", ongoing],
  ["Thời gian thực hiện: Thường xuyên.", ongoing],
  ["Thoi gian thuc hien:   thuong   xuyen  ", ongoing],
  ["Liên tục", ongoing],
  // quarters
  ["Quý II năm 2024", once("2024-06-30")],
  ["Quy II nam 2024", once("2024-06-30")],
  ["Thời gian hoàn thành: Quý II năm 2024", once("2024-06-30")],
  ["Quý I/2025", once("2025-03-31")],
  ["quy i/2025", once("2025-03-31")],
  ["quý 3 năm 2025", once("2025-09-30")],
  ["trong quý 1 năm 2019", once("2019-03-31")],
  ["Quý IV/2024", once("2024-12-31")],
  ["Quý III - 2024", once("2024-09-30")],
  ["cuối quý 4 năm 2025.", once("2025-12-31")],
  ["Thời hạn: quý 2/2024;", once("2024-06-30")],
  // months
  ["Tháng 12/2024", once("2024-12-31")],
  ["thang 12/2024", once("2024-12-31")],
  ["trong tháng 6 năm 2024", once("2024-06-30")],
  ["trong thang 6 nam 2024", once("2024-06-30")],
  ["tháng 02/2025", once("2025-02-28")],
  ["tháng 2/2024", once("2024-02-29")],
  ["Tháng 2 năm 2100", once("2100-02-28")],
  ["tháng 2/2000", once("2000-02-29")],
  ["Hạn: tháng 9-2024", once("2024-09-30")],
  ["đến hết tháng 11/2025", once("2025-11-30")],
  ["06/2024", once("2024-06-30")],
  // dates
  ["trước ngày 30/6/2024", once("2024-06-30")],
  ["truoc ngay 30/6/2024", once("2024-06-30")],
  ["30-6-2024", once("2024-06-30")],
  ["30.6.2024", once("2024-06-30")],
  ["30 / 06 / 2024", once("2024-06-30")],
  ["trước ngày 31 tháng 3 năm 2025", once("2025-03-31")],
  ["truoc ngay 31 thang 3 nam 2025", once("2025-03-31")],
  ["ngày 05/01/2025", once("2025-01-05")],
  ["Chậm nhất ngày 15/10/2024.", once("2024-10-15")],
  ["Hạn: 29/2/2024", once("2024-02-29")],
  ["2024-06-30", once("2024-06-30")],
  ["Thời hạn hoàn thành: trước ngày 1/12/2024", once("2024-12-01")],
  // halves
  ["6 tháng đầu năm 2025", once("2025-06-30")],
  ["6 thang dau nam 2025", once("2025-06-30")],
  ["6 tháng cuối năm 2025", once("2025-12-31")],
  ["6 thang cuoi nam 2025", once("2025-12-31")],
  ["Sáu tháng đầu năm 2024", once("2024-06-30")],
  ["trong 6 tháng đầu năm 2024.", once("2024-06-30")],
  // years
  ["Năm 2024", once("2024-12-31")],
  ["nam 2024", once("2024-12-31")],
  ["trong năm 2025", once("2025-12-31")],
  ["Năm 2024, năm 2025", years(2024, 2025)],
  ["Năm 2024, năm 2025.", years(2024, 2025)],
  ["Thời gian hoàn thành: Năm 2024, năm 2025.", years(2024, 2025)],
  ["nam 2024, nam 2025", years(2024, 2025)],
  ["Năm 2024 và 2025", years(2024, 2025)],
  ["Nam 2024 va nam 2025", years(2024, 2025)],
  ["Năm 2025, năm 2024", years(2024, 2025)],
  ["năm 2024 - 2025", years(2024, 2025)],
  ["giai đoạn 2024 - 2025", years(2024, 2025)],
  ["giai doan 2024-2025", years(2024, 2025)],
  ["Từ năm 2024 đến năm 2026", years(2024, 2025, 2026)],
  // yearly
  ["trước ngày 15/11 hàng năm", yearly(11, 15)],
  ["truoc ngay 15/11 hang nam", yearly(11, 15)],
  ["trước ngày 15/12 hằng năm", yearly(12, 15)],
  ["Hàng năm, trước ngày 20/11", yearly(11, 20)],
  ["hang nam, truoc ngay 20/11", yearly(11, 20)],
  ["trước ngày 15 tháng 12 hằng năm", yearly(12, 15)],
  ["truoc ngay 15 thang 12 hang nam", yearly(12, 15)],
  ["hằng năm", yearly(12, 31)],
  ["Hàng năm.", yearly(12, 31)],
  ["hang nam", yearly(12, 31)],
  ["tháng 2 hằng năm", yearly(2, 28)],
  ["Quý III hàng năm", yearly(9, 30)],
  ["29/2 hàng năm", yearly(2, 29)],
  // ranges
  ["Từ tháng 6 đến tháng 12/2024", once("2024-12-31")],
  ["tu thang 6 den thang 12/2024", once("2024-12-31")],
  ["từ ngày 1/6/2024 đến ngày 30/9/2024", once("2024-09-30")],
  ["tu ngay 1/6/2024 den ngay 30/9/2024", once("2024-09-30")],
  ["Từ quý II đến hết quý IV năm 2024", once("2024-12-31")],
  ["từ 01/3/2025 - 31/5/2025", once("2025-05-31")],
];

const refused: Array<[string, DeadlineErrorCode]> = [
  // impossible dates
  ["31/6/2024", "impossible_date"],
  ["trước ngày 31/6/2024", "impossible_date"],
  ["29/2/2023", "impossible_date"],
  ["Quý V năm 2024", "impossible_date"],
  ["quy v nam 2024", "impossible_date"],
  ["quý 0/2024", "impossible_date"],
  ["tháng 13/2024", "impossible_date"],
  ["thang 0 nam 2024", "impossible_date"],
  ["32/1/2024", "impossible_date"],
  ["2024-02-30", "impossible_date"],
  ["31/4 hàng năm", "impossible_date"],
  ["Năm 0999", "impossible_date"],
  // unknown phrases: never a guess
  ["sớm nhất có thể", "unknown_phrase"],
  ["som nhat co the", "unknown_phrase"],
  ["đầu năm 2025", "unknown_phrase"],
  ["30/6/24", "unknown_phrase"],
  ["báo cáo hàng năm", "unknown_phrase"],
  // empty
  ["", "empty"],
  ["   ", "empty"],
  ["Thời gian hoàn thành:", "empty"],
  ["...", "empty"],
  // a period or a date without its year
  ["Quý II", "missing_year"],
  ["trước ngày 30/6", "missing_year"],
  ["6 tháng đầu năm", "missing_year"],
  ["tháng 3", "missing_year"],
  // readable two ways
  ["trước quý II năm 2024", "ambiguous"],
  ["trước năm 2025", "ambiguous"],
  ["15/11/2024 hàng năm", "ambiguous"],
  // other
  ["Từ tháng 9 đến tháng 3/2024", "reversed_range"],
  ["giai đoạn 2025 - 2024", "reversed_range"],
  ["hằng tuần, thứ Sáu", "unsupported_recurrence"],
  ["Hằng ngày, lúc 16 giờ", "unsupported_recurrence"],
];

describe("parseDeadline: phrases it understands", () => {
  it.each(understood)("%j", (text, expected) => {
    expect(parseDeadline(text)).toEqual({ ok: true, deadline: expected });
  });

  it("returns only deadlines that pass the JSON schema", () => {
    for (const [text] of understood) {
      const result = parseDeadline(text);
      if (result.ok) expect(deadlineSchema.safeParse(result.deadline).success).toBe(true);
    }
  });
});

describe("parseDeadline: phrases it refuses", () => {
  it.each(refused)("%j → %s", (text, error) => {
    const result = parseDeadline(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(error);
  });
});

describe("parseDeadline: the Thái Nguyên plan", () => {
  it("reads every 'Thời gian' line of the plan text", () => {
    const lines = [
      "Thời gian hoàn thành: Thường xuyên.",
      "Thời gian hoàn thành: Năm 2024, năm 2025.",
      "Thời gian thực hiện: Thường xuyên.",
      "Thời gian hoàn thành: Quý II năm 2024",
    ];
    expect(lines.map((l) => parseDeadline(l))).toEqual([
      { ok: true, deadline: ongoing },
      { ok: true, deadline: years(2024, 2025) },
      { ok: true, deadline: ongoing },
      { ok: true, deadline: once("2024-06-30") },
    ]);
  });

  it("reads a phrase typed in decomposed Unicode (NFD) the same as NFC", () => {
    expect(parseDeadline("Quý II năm 2024".normalize("NFD"))).toEqual(
      parseDeadline("Quý II năm 2024"),
    );
  });
});

describe("deadlineSchema", () => {
  it.each([
    [{ kind: "ongoing" }, true],
    [{ kind: "once", due: "2024-06-30" }, true],
    [{ kind: "once", due: "2024-06-31" }, false],
    [{ kind: "once", due: "30/06/2024" }, false],
    [{ kind: "yearly", month: 2, day: 29 }, true],
    [{ kind: "yearly", month: 4, day: 31 }, false],
    [{ kind: "yearly", month: 13, day: 1 }, false],
    [{ kind: "years", years: [2024, 2025] }, true],
    [{ kind: "years", years: [] }, false],
    [{ kind: "weekly" }, false],
    [{ kind: "once", due: "2024-06-30", extra: 1 }, false],
  ])("%j → %s", (value, valid) => {
    expect(deadlineSchema.safeParse(value).success).toBe(valid);
  });
});
