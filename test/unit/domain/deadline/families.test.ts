import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../../../src/domain/deadline/parse.js";
import type {
  Deadline,
  DeadlineErrorCode,
  UndatedReason,
} from "../../../../src/domain/deadline/types.js";
import { deadlineSchema } from "../../../../src/domain/deadline/types.js";

// Phrase families met in real plans of other bodies, written here in our own words.

const ongoing: Deadline = { kind: "ongoing" };
const once = (due: string): Deadline => ({ kind: "once", due });
const yearly = (month: number, day: number): Deadline => ({ kind: "yearly", month, day });
const monthly = (day: number): Deadline => ({ kind: "monthly", day });
const quarterly = (month: number, day: number): Deadline => ({ kind: "quarterly", month, day });
const several = (...deadlines: Deadline[]): Deadline =>
  ({ kind: "several", deadlines }) as Deadline;

const families: Record<string, Array<[string, Deadline]>> = {
  "every month": [
    ["trước ngày 15 hằng tháng", monthly(15)],
    ["Trước ngày 20 hàng tháng.", monthly(20)],
    ["truoc ngay 5 hang thang", monthly(5)],
    ["chậm nhất ngày 25 hằng tháng", monthly(25)],
    ["Hằng tháng, trước ngày 10", monthly(10)],
    ["Hằng tháng", monthly(31)],
    ["hàng tháng", monthly(31)],
    ["Định kỳ hằng tháng", monthly(31)],
    ["Cuối mỗi tháng", monthly(31)],
    ["trước ngày 15 và ngày 30 hằng tháng", several(monthly(15), monthly(30))],
    ["Hằng tháng, trước ngày 8 tháng sau", monthly(8)],
  ],
  "every quarter": [
    ["Hằng quý", quarterly(3, 31)],
    ["hàng quý.", quarterly(3, 31)],
    ["Định kỳ hằng quý", quarterly(3, 31)],
    ["trước ngày 15 của tháng cuối quý", quarterly(3, 15)],
    ["trước ngày 20 tháng cuối mỗi quý", quarterly(3, 20)],
    ["trước ngày 10 tháng đầu quý", quarterly(1, 10)],
    ["trước ngày 18 hằng quý", quarterly(3, 18)],
    ["Hằng quý, trước ngày 25 tháng cuối quý", quarterly(3, 25)],
    // The half-year and year reports fall on quarter (month) ends too.
    ["Hằng quý, 6 tháng, năm", quarterly(3, 31)],
    ["Định kỳ hằng quý, 6 tháng và hằng năm", quarterly(3, 31)],
    ["Hằng tháng, quý, năm", monthly(31)],
    ["trước ngày 05 của tháng đầu quý sau", quarterly(1, 5)],
  ],
  "several dates": [
    ["trước ngày 05/6 và 20/11 hằng năm", several(yearly(6, 5), yearly(11, 20))],
    ["Trước ngày 10/6 và ngày 10/12 hàng năm.", several(yearly(6, 10), yearly(12, 10))],
    ["Hằng năm, trước ngày 15/6; 15/12", several(yearly(6, 15), yearly(12, 15))],
    ["định kỳ 6 tháng", several(yearly(6, 30), yearly(12, 31))],
    ["Định kỳ 06 tháng một lần", several(yearly(6, 30), yearly(12, 31))],
    ["Báo cáo định kỳ 6 tháng và hằng năm", several(yearly(6, 30), yearly(12, 31))],
    ["định kỳ 6 tháng (trước ngày 20/6 và 20/12)", several(yearly(6, 20), yearly(12, 20))],
    ["Quý I/2026 và Quý III/2026", several(once("2026-03-31"), once("2026-09-30"))],
    ["tháng 3 và tháng 9/2026", several(once("2026-03-31"), once("2026-09-30"))],
  ],
  "every year": [
    ["Hằng năm", yearly(12, 31)],
    ["Hàng năm.", yearly(12, 31)],
    ["hằng năm (trước ngày 20 tháng 10)", yearly(10, 20)],
    ["Hằng năm (chậm nhất ngày 05/12)", yearly(12, 5)],
    ["định kỳ trước ngày 25 tháng 11 hằng năm", yearly(11, 25)],
    ["Định kỳ hằng năm", yearly(12, 31)],
    ["Hằng năm, trước ngày 20/01 năm sau", yearly(1, 20)],
  ],
  "quarters, old spelling and ranges": [
    ["Quí III-2026", once("2026-09-30")],
    ["Quý I-2026", once("2026-03-31")],
    ["Quý II Năm 2027", once("2027-06-30")],
    ["quí 4 năm 2025", once("2025-12-31")],
    ["Quý III/2025 - Quý I/2026", once("2026-03-31")],
    ["Quý I/2026- Quý IV/2026", once("2026-12-31")],
    ["Quý II/2026 -Quý III/2026", once("2026-09-30")],
    ["Từ tháng 3 đến tháng 8/2026", once("2026-08-31")],
    ["Tháng 4/2026 - tháng 6/2026", once("2026-06-30")],
    ["Quý II - III/2026", once("2026-09-30")],
    ["quý I đến quý II năm 2027", once("2027-06-30")],
    ["Năm 2026 (trước ngày 30/9/2026)", once("2026-09-30")],
    ["Quý I/2026 (đợt 1), Quý III/2026 (đợt 2)", several(once("2026-03-31"), once("2026-09-30"))],
  ],
  "open-ended (ongoing)": [
    ["Năm 2026 và các năm tiếp theo", ongoing],
    ["Từ năm 2025 và những năm tiếp theo.", ongoing],
    ["Giai đoạn 2025-2027 và những năm tiếp theo", ongoing],
    ["Từ 15/8/2025", ongoing],
    ["Từ ngày 01/01/2026.", ongoing],
    ["Kể từ tháng 7/2025", ongoing],
    ["Từ năm 2026 trở đi", ongoing],
    ["Thường xuyên, theo yêu cầu của cơ quan cấp trên", ongoing],
    ["Thường xuyên, hàng năm.", ongoing],
    ["Thường xuyên và liên tục", ongoing],
    ["Thường xuyên, trước ngày 10 hằng tháng", monthly(10)],
    // Work too frequent to track one occurrence at a time: periodic check-ins.
    ["Hằng tuần", ongoing],
    ["hàng ngày.", ongoing],
    ["Định kỳ hằng tuần", ongoing],
  ],
  "months and fillers": [
    ["Tháng 9/2026.", once("2026-09-30")],
    ["xong trong tháng 10/2026", once("2026-10-31")],
    ["Hoàn thành xong trong quý II/2026", once("2026-06-30")],
    ["hoàn thành trong năm 2026", once("2026-12-31")],
  ],
  "labels and bullets": [
    ["Thời hạn ban hành: Quý IV/2025", once("2025-12-31")],
    ["- Thời gian thực hiện: Hằng năm.", yearly(12, 31)],
    ["+ Thời gian hoàn thành: tháng 11/2025.", once("2025-11-30")],
    ["c) Thời gian thực hiện: Thường xuyên.", ongoing],
    ["b) Thời hạn hoàn thành: trước ngày 30/9/2025", once("2025-09-30")],
    ["Tiến độ: Quý I/2026", once("2026-03-31")],
    ["Tiến độ thực hiện: trước ngày 15 hằng tháng", monthly(15)],
    ["• Thời gian: Năm 2026", once("2026-12-31")],
    ["Thời hạn trình UBND tỉnh: Quý III/2026", once("2026-09-30")],
  ],
  "qualifiers, brackets and short forms": [
    ["Thực hiện hằng năm", yearly(12, 31)],
    ["Triển khai thường xuyên", ongoing],
    ["Tháng 11/2026 (dự kiến)", once("2026-11-30")],
    ["Hằng năm hoặc đột xuất", yearly(12, 31)],
    ["trước ngày 10/12 hằng năm hoặc đột xuất khi có yêu cầu", yearly(12, 10)],
    ["Quý II/2026 (hoàn thành trước 30/6/2026)", once("2026-06-30")],
    ["trước ngày 20/11 hằng năm (kèm số liệu cả năm)", yearly(11, 20)],
    ["Q3/2026", once("2026-09-30")],
    ["Tháng 7-9/2026", once("2026-09-30")],
    ["tháng 6 và tháng 12 hằng năm", several(yearly(6, 30), yearly(12, 31))],
    ["trước ngày 20 tháng 6 và tháng 12 hằng năm", several(yearly(6, 20), yearly(12, 20))],
  ],
  "the normalised JSON form in a cell": [
    ['{"kind":"monthly","day":10}', monthly(10)],
    ['{"kind":"quarterly","month":2,"day":15}', quarterly(2, 15)],
  ],
};

const undated: Array<[string, UndatedReason]> = [
  ["Sau khi Thông tư hướng dẫn được ban hành", "conditional"],
  ["Ngay sau khi Quyết định phê duyệt có hiệu lực", "conditional"],
  ["khi Bộ Tư pháp ban hành hướng dẫn thống nhất", "conditional"],
  ["Khi có yêu cầu", "conditional"],
  ["Theo yêu cầu của UBND tỉnh", "conditional"],
  ["theo chỉ đạo của UBND tỉnh", "conditional"],
  ["Đột xuất", "conditional"],
  ["Sau 30 ngày kể từ ngày Kế hoạch được ban hành", "conditional"],
  ["Theo kế hoạch riêng", "other_plan"],
  ["Theo kế hoạch riêng của Sở Y tế.", "other_plan"],
  ["Theo kế hoạch công tác thanh tra hằng năm", "other_plan"],
  ["Theo Kế hoạch đào tạo, bồi dưỡng hàng năm.", "other_plan"],
  ["Theo tiến độ của Đề án", "other_plan"],
  ["Theo lộ trình của Bộ Nội vụ", "other_plan"],
  ["Định kỳ", "unspecified"],
  ["định kỳ hoặc đột xuất", "unspecified"],
  ["Theo quy định", "unspecified"],
  ["Thời gian thực hiện: Theo kế hoạch riêng.", "other_plan"],
  ["Trong vòng 45 ngày kể từ ngày Kế hoạch được ban hành", "conditional"],
  ["Chậm nhất 10 ngày làm việc sau khi có Quyết định", "conditional"],
  ["Chờ hướng dẫn của Bộ Nội vụ", "conditional"],
  ["Định kỳ theo quy định", "unspecified"],
  ["Theo thời gian quy định", "unspecified"],
];

const refused: Array<[string, DeadlineErrorCode]> = [
  ["Hằng tuần, vào thứ Hai", "unsupported_recurrence"],
  ["trước ngày 35 hằng tháng", "impossible_date"],
  ["trước ngày 15/13 và 20/11 hằng năm", "impossible_date"],
  ["Quý VI/2025 - Quý II/2026", "unknown_phrase"],
  ["Quý IV/2026 - Quý II/2026", "reversed_range"],
  ["báo cáo hằng năm", "unknown_phrase"],
  ["càng sớm càng tốt", "unknown_phrase"],
  ['{"kind":"monthly","day":40}', "unknown_phrase"],
  ['{"kind":"several","deadlines":[{"kind":"monthly","day":1}]}', "unknown_phrase"],
  ["6 tháng", "unknown_phrase"],
  ["hoặc đột xuất", "unknown_phrase"],
  ["Tháng 9-7/2026", "reversed_range"],
  ["Quý IV - II/2026", "reversed_range"],
  // Without a recurring word, "tháng sau" / "năm sau" could be one month or year: not guessed.
  ["Trước ngày 10 tháng sau", "unknown_phrase"],
  ["Trước ngày 15/01 năm sau", "unknown_phrase"],
  // Long runs of dashes and commas are read part by part once, not in every combination.
  ["1 - ".repeat(48), "unknown_phrase"],
  ["quý I - ".repeat(24), "unknown_phrase"],
  ["tháng 1, ".repeat(20), "unknown_phrase"],
];

describe("parseDeadline: periodic and other phrase families", () => {
  for (const [family, cases] of Object.entries(families)) {
    describe(family, () => {
      it.each(cases)("%j", (text, expected) => {
        const result = parseDeadline(text);
        expect(result).toEqual({ ok: true, deadline: expected });
        if (result.ok) expect(deadlineSchema.safeParse(result.deadline).success).toBe(true);
      });
    });
  }
});

describe("parseDeadline: phrases that name no calendar date", () => {
  it.each(undated)("%j → undated (%s)", (text, reason) => {
    expect(parseDeadline(text)).toEqual({ ok: true, deadline: null, undated: reason });
  });
});

describe("parseDeadline: still refused, never guessed", () => {
  it.each(refused)("%j → %s", (text, code) => {
    const result = parseDeadline(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBe(code);
  });
});

describe("deadlineSchema: the new kinds", () => {
  it.each([
    [{ kind: "monthly", day: 15 }, true],
    [{ kind: "monthly", day: 31 }, true],
    [{ kind: "monthly", day: 0 }, false],
    [{ kind: "monthly", day: 32 }, false],
    [{ kind: "quarterly", month: 3, day: 31 }, true],
    [{ kind: "quarterly", month: 4, day: 1 }, false],
    [{ kind: "quarterly", month: 0, day: 1 }, false],
    [
      {
        kind: "several",
        deadlines: [
          { kind: "yearly", month: 6, day: 1 },
          { kind: "yearly", month: 11, day: 15 },
        ],
      },
      true,
    ],
    [
      {
        kind: "several",
        deadlines: [
          { kind: "monthly", day: 15 },
          { kind: "once", due: "2025-12-31" },
        ],
      },
      true,
    ],
    [{ kind: "several", deadlines: [{ kind: "monthly", day: 15 }] }, false],
    [
      {
        kind: "several",
        deadlines: [{ kind: "ongoing" }, { kind: "monthly", day: 15 }],
      },
      false,
    ],
    [
      {
        kind: "several",
        deadlines: [
          { kind: "years", years: [2025] },
          { kind: "monthly", day: 15 },
        ],
      },
      false,
    ],
  ])("%j → %s", (value, valid) => {
    expect(deadlineSchema.safeParse(value).success).toBe(valid);
  });
});
