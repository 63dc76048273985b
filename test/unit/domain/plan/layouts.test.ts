import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../../../src/domain/plan/text-parser.js";
import type { ParsedPlan, ParsedTask } from "../../../../src/domain/plan/types.js";
import { said } from "../../../helpers/plan-errors.js";

// Plans written for these tests in the layouts real bodies publish (see test/fixtures/plans/layouts).
const LAYOUTS = new URL("../../../fixtures/plans/layouts/", import.meta.url);

function read(name: string): ParsedPlan {
  return parsePlanText(readFileSync(new URL(name, LAYOUTS), "utf8"), name);
}

function byRef(plan: ParsedPlan): Map<string, ParsedTask> {
  return new Map(plan.tasks.map((t) => [t.ref, t]));
}

describe("tasks followed by labelled lines (Đơn vị chủ trì, phối hợp, thời gian)", () => {
  const plan = read("nhan-dong.txt");
  const tasks = byRef(plan);

  it("finds the tasks of the task sections and of the duty sentences, and nothing else", () => {
    expect(plan.tasks.map((t) => t.ref)).toEqual([
      "III.1",
      "III.2.1",
      "III.2.2",
      "III.3",
      "III.4",
      "V.1.1",
      "V.1.2",
    ]);
  });

  it("does not take aims, targets, funding, general duties, the closing or the recipients for tasks", () => {
    const text = plan.tasks.map((t) => t.body).join("\n");
    expect(text).not.toMatch(
      /100% trụ sở|số hóa hồ sơ tiếp dân|bố trí kinh phí|Thanh tra Chính phủ;|theo dõi, đôn đốc/,
    );
  });

  it("reads the lead and cooperating units from the labels, whatever their wording", () => {
    expect(tasks.get("III.1")).toMatchObject({
      unit: "Sở Nội vụ",
      cooperating: ["Thanh tra tỉnh", "các cơ quan, đơn vị có liên quan"],
      deadline: { kind: "once", due: "2026-03-31" },
    });
    expect(tasks.get("III.2.1")).toMatchObject({
      unit: "Thanh tra tỉnh",
      cooperating: ["Sở Nội vụ", "Sở Tư pháp"],
      deadline: { kind: "yearly", month: 12, day: 31 },
    });
    expect(tasks.get("III.3")?.unit).toBe("Sở Khoa học và Công nghệ");
  });

  it("keeps two bullets before one set of labels as one task", () => {
    const task = tasks.get("III.2.1");
    expect(task?.title).toBe(
      "Mở lớp bồi dưỡng kỹ năng giao tiếp, xử lý tình huống cho cán bộ tiếp công dân",
    );
    expect(task?.body).toContain("Biên soạn tài liệu hướng dẫn nghiệp vụ");
    expect(task?.body).not.toContain("Cơ quan chủ trì");
  });

  it("imports a task whose time is no calendar date without a due date, with a warning", () => {
    expect(tasks.get("III.2.2")).toMatchObject({
      unit: "Sở Tư pháp",
      deadline: null,
      deadlineText: "Theo kế hoạch riêng của Sở Tư pháp",
    });
    expect(tasks.get("III.3")).toMatchObject({ deadline: null });
    expect(said(tasks.get("III.3")?.warning)).toContain("Sau khi Thanh tra Chính phủ ban hành");
    expect(plan.warnings.map((w) => w.line)).toEqual(expect.arrayContaining([51, 59, 65]));
  });

  it("beside labelled tasks, a numbered item whose paragraph names its unit is a task without a date", () => {
    expect(tasks.get("III.4")).toMatchObject({
      unit: "UBND các xã, phường",
      assignees: { unitNames: [], unitKinds: ["commune"] },
      deadline: null,
    });
  });

  it("splits a duty paragraph into one task per sentence that holds a deadline", () => {
    expect(tasks.get("V.1.1")).toMatchObject({
      unit: "Các sở, ban, ngành, UBND các xã, phường",
      deadline: { kind: "once", due: "2026-03-31" },
      assignees: { unitNames: [], unitKinds: ["department", "commune"] },
    });
    expect(tasks.get("V.1.2")).toMatchObject({
      deadline: { kind: "monthly", day: 20 },
      title: "Định kỳ báo cáo kết quả về Thanh tra tỉnh trước ngày 20 hằng tháng",
    });
  });

  it("reads the plan's name and place from a title written in capitals after a blank line", () => {
    expect(plan.plan).toMatchObject({
      title:
        "KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG TIẾP CÔNG DÂN TRÊN ĐỊA BÀN TỈNH HÒA BÌNH GIAI ĐOẠN 2026 - 2027",
      issuer: "UBND tỉnh Hòa Bình",
      period: "2026 - 2027",
      code: "kh-hoa-binh-2026-2027-nang-cao-chat-luong",
    });
  });
});

describe("a), b), c) as the fields of one task", () => {
  const plan = read("truong-abc.txt");

  it("reads one task per numbered item, not one per letter", () => {
    expect(plan.tasks).toHaveLength(2);
    expect(plan.tasks[0]).toMatchObject({
      ref: "II.1",
      unit: "Văn phòng UBND tỉnh",
      cooperating: ["Sở Khoa học và Công nghệ"],
      title:
        "Tổ chức hội nghị trao đổi kinh nghiệm số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
      deadline: { kind: "once", due: "2026-06-30" },
    });
  });

  it("takes the end of a range of months", () => {
    expect(plan.tasks[1]).toMatchObject({
      unit: "Sở Nội vụ",
      deadlineText: "Từ tháng 6 đến tháng 9/2026",
      deadline: { kind: "once", due: "2026-09-30" },
    });
  });
});

describe("an appendix table beside unit headings in the body", () => {
  const plan = read("bang-phu-luc.txt");
  const tasks = byRef(plan);

  it("reads the table whatever the order of its columns, with its group rows", () => {
    expect(tasks.get("PL.II.3")).toMatchObject({
      unit: "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
      cooperating: ["UBND các xã có điểm du lịch"],
      deadline: { kind: "once", due: "2026-10-31" },
    });
    expect(tasks.get("PL.II.4")).toMatchObject({
      unit: "UBND các xã, phường",
      deadline: { kind: "ongoing" },
    });
  });

  it("joins a cell written over two lines", () => {
    expect(tasks.get("PL.II.3")?.body).toBe(
      "Quảng bá sản phẩm du lịch cộng đồng trên các nền tảng số, kết hợp với các hội chợ du lịch trong nước",
    );
  });

  it("makes a task found in the body and in the table one task, dated from the table", () => {
    expect(plan.tasks.map((t) => t.ref)).toEqual(["I.1.a", "I.1.b", "I.2", "PL.II.3", "PL.II.4"]);
    expect(tasks.get("I.1.a")).toMatchObject({
      unit: "Sở Văn hóa, Thể thao và Du lịch",
      deadlineText: "Quý IV/2025 - Quý II/2026",
      deadline: { kind: "once", due: "2026-06-30" },
      cooperating: ["Sở Nông nghiệp và Môi trường"],
    });
    expect(tasks.get("I.1.a")?.warning).toBeUndefined();
    expect(tasks.get("I.2")?.deadline).toEqual({ kind: "yearly", month: 12, day: 31 });
    // The body task the table does not date stays undated.
    expect(tasks.get("I.1.b")?.deadline).toBeNull();
  });

  it("names the table row it could not read", () => {
    const row = plan.warnings.find((w) => w.line === 33);
    expect(said(row?.message)).toContain("không có nội dung nhiệm vụ");
  });
});

describe("dates that are not deadlines", () => {
  const text = [
    "KẾ HOẠCH",
    "Phổ biến Luật Thanh tra năm 2022 tỉnh Yên Bái năm 2026",
    "",
    "I. NHIỆM VỤ",
    "",
    "1. Tuyên truyền Luật Thanh tra năm 2022 và Nghị định số 43/2023/NĐ-CP ngày 30/6/2023 của Chính phủ",
    "",
    "- Tổ chức phổ biến nội dung Luật đến cán bộ, hướng tới mục tiêu đến năm 2030 mọi công chức nắm vững Luật.",
    "",
    "- Đơn vị chủ trì: Thanh tra tỉnh.",
    "",
    "- Thời gian thực hiện: Thường xuyên.",
    "",
    "2. Sở Tư pháp theo dõi việc thi hành Quyết định số 15/QĐ-UBND ngày 10/01/2025 từ năm 2020 đến nay.",
  ].join("\n");
  const plan = parsePlanText(text, "yen-bai.txt");

  it("keeps the stated deadline and invents none from law years, targets or document dates", () => {
    expect(plan.tasks.map((t) => [t.ref, t.unit, t.deadline])).toEqual([
      ["I.1", "Thanh tra tỉnh", { kind: "ongoing" }],
      // A duty of a named unit beside labelled tasks: kept, and undated, not due 10/01/2025.
      ["I.2", "Sở Tư pháp", null],
    ]);
    expect(plan.plan.period).toBe("2026");
  });
});

describe("who and when in brackets at the end of the task", () => {
  const plan = read("ngoac-don.txt");
  const tasks = byRef(plan);

  it("reads the lead unit, the cooperating units and the time from the brackets", () => {
    expect(tasks.get("II.1")).toMatchObject({
      unit: "Văn phòng UBND tỉnh",
      deadline: { kind: "once", due: "2026-06-30" },
      body: "Rà soát, chuẩn hóa quy trình tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công",
    });
    expect(tasks.get("II.2.1")).toMatchObject({
      unit: "Sở Nội vụ",
      cooperating: ["Trung tâm Phục vụ hành chính công"],
      deadline: { kind: "once", due: "2026-09-30" },
    });
    expect(tasks.get("II.2.2")).toMatchObject({
      unit: "Sở Tư pháp",
      cooperating: ["Sở Nội vụ"],
      deadline: { kind: "ongoing" },
    });
  });

  it("leaves a bullet with no unit and no time out", () => {
    expect(plan.tasks.some((t) => t.body.includes("Phát động phong trào"))).toBe(false);
  });
});

describe("a task table inside the body", () => {
  const plan = read("bang-trong-than.txt");

  it("reads rows under group rows without numerals, skips a column that is not a unit, and stops at a blank line", () => {
    expect(plan.tasks.map((t) => [t.ref, t.unit, t.deadline])).toEqual([
      ["I.1.1", "Sở Văn hóa, Thể thao và Du lịch", { kind: "ongoing" }],
      ["I.1.2", "Ban Dân tộc", { kind: "once", due: "2026-05-31" }],
      ["I.2.1", "Thanh tra tỉnh", { kind: "once", due: "2026-09-30" }],
      ["II.1", "Sở Nội vụ", { kind: "once", due: "2026-12-15" }],
    ]);
    expect(plan.tasks[2]?.body).toBe(
      "Kiểm tra việc tiếp nhận, giải quyết phản ánh của người dân tại cấp xã",
    );
  });
});

describe("responsibilities by unit: 'Trách nhiệm của …', lettered unit headings, 'Sở …: task'", () => {
  const plan = read("trach-nhiem.txt");

  it("gives each task its unit and reads deadlines in brackets and inside the sentence", () => {
    expect(plan.tasks.map((t) => [t.ref, t.unit, t.deadline])).toEqual([
      ["II.1.a", "Sở Nội vụ", { kind: "once", due: "2026-03-31" }],
      ["II.1.b", "Sở Nội vụ", { kind: "once", due: "2026-12-10" }],
      ["II.2.a.1", "Sở Thông tin và Truyền thông", null],
      ["II.2.a.2", "Sở Thông tin và Truyền thông", { kind: "monthly", day: 25 }],
      ["II.2.b", "Sở Tài chính", { kind: "once", due: "2026-04-30" }],
      ["II.3", "UBND CÁC XÃ, PHƯỜNG", { kind: "quarterly", month: 3, day: 31 }],
    ]);
    expect(plan.tasks[0]?.body).toBe("Hướng dẫn các cơ quan xây dựng quy tắc ứng xử riêng");
    expect(plan.tasks[4]?.title).toMatch(/^Bố trí kinh phí tổ chức hội thi/);
    expect(plan.tasks[5]?.assignees.unitKinds).toEqual(["commune"]);
  });

  it("does not take 'Báo cáo …' or 'Số hóa …' for the name of a newspaper or a department", () => {
    const text = [
      "KẾ HOẠCH",
      "Thử nghiệm năm 2026",
      "",
      "I. TỔ CHỨC THỰC HIỆN",
      "",
      "1. Sở Nội vụ",
      "",
      "a) Báo cáo UBND tỉnh kết quả thực hiện.",
      "",
      "b) Số hóa hồ sơ công chức, xong trong tháng 6/2026.",
    ].join("\n");
    const tasks = parsePlanText(text, "x.txt").tasks;
    expect(tasks.map((t) => [t.ref, t.unit])).toEqual([
      ["I.1.a", "Sở Nội vụ"],
      ["I.1.b", "Sở Nội vụ"],
    ]);
  });
});

describe("the same plan copied another way", () => {
  const source = readFileSync(new URL("nhan-dong.txt", LAYOUTS), "utf8");
  const summary = (plan: ParsedPlan) => plan.tasks.map((t) => [t.ref, t.unit, t.deadline, t.title]);
  const asPublished = summary(parsePlanText(source, "a.txt"));

  it("reads a Word copy (one paragraph per line, no blank lines) the same", () => {
    const word = source
      .split("\n")
      .filter((l) => l.trim() !== "")
      .join("\n");
    expect(summary(parsePlanText(word, "b.txt"))).toEqual(asPublished);
  });

  it("reads a PDF viewer copy (lines cut at the page width) the same", () => {
    const wrapped = source
      .split("\n")
      .filter((l) => l.trim() !== "")
      .flatMap((line) => {
        const out: string[] = [];
        let current = "";
        for (const word of line.split(" ")) {
          if (current !== "" && current.length + word.length + 1 > 70) {
            out.push(current);
            current = word;
          } else current = current === "" ? word : `${current} ${word}`;
        }
        return [...out, current];
      })
      .join("\n");
    expect(wrapped.split("\n").length).toBeGreaterThan(source.split("\n").filter(Boolean).length);
    expect(summary(parsePlanText(wrapped, "c.txt"))).toEqual(asPublished);
  });
});

describe("a lead unit written as a list", () => {
  it("keeps the whole list when a word of a name looks like a verb", () => {
    const text = [
      "KẾ HOẠCH",
      "Phát triển dịch vụ số năm 2026",
      "",
      "PHỤ LỤC",
      "",
      "TT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện",
      "1\tBảo đảm kinh phí cho các dự án hạ tầng số của doanh nghiệp\tDoanh nghiệp, nhà cung cấp dịch vụ số\tThường xuyên",
    ].join("\n");
    expect(parsePlanText(text, "x.txt").tasks[0]?.unit).toBe(
      "Doanh nghiệp, nhà cung cấp dịch vụ số",
    );
  });
});

describe("a group row as a .docx table gives it", () => {
  it("reads 'I<TAB>Nhóm …' as a group, not as a task or the row above going on", () => {
    const text = [
      "KẾ HOẠCH",
      "Thử bảng năm 2026",
      "",
      "PHỤ LỤC",
      "",
      "STT\tNhiệm vụ\tCơ quan chủ trì\tThời hạn",
      "I\tNhóm nhiệm vụ về thể chế\t\t",
      "1\tBan hành quy chế phối hợp giữa các sở\tSở Tư pháp\tQuý II/2026",
      "II\tNhóm nhiệm vụ về con người\t\t",
      "1\tTổ chức thi tuyển công chức\tSở Nội vụ\tQuý III/2026",
    ].join("\n");
    const tasks = parsePlanText(text, "x.txt").tasks;
    expect(tasks.map((t) => [t.ref, t.unit, t.body])).toEqual([
      ["PL.I.1", "Sở Tư pháp", "Ban hành quy chế phối hợp giữa các sở"],
      ["PL.II.1", "Sở Nội vụ", "Tổ chức thi tuyển công chức"],
    ]);
  });
});
