import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planCodeFromTitle, titleFromBody } from "../../../../src/domain/plan/plan-info.js";
import { inlineDeadline } from "../../../../src/domain/plan/task-deadline.js";
import { stripSourceLocations, type ParsedPlan } from "../../../../src/domain/plan/types.js";
import {
  assigneesFromHeading,
  cooperatingFromSentence,
  splitUnitList,
} from "../../../../src/domain/plan/unit-phrases.js";
import { parseDeadline } from "../../../../src/domain/deadline/parse.js";
import { readPlanXlsx, writePlanXlsx } from "../../../../src/readers/xlsx-plan.js";

describe("unit lists in plan sentences", () => {
  it.each([
    ["Sở Nội vụ và các cơ quan có liên quan", ["Sở Nội vụ", "các cơ quan có liên quan"]],
    ["Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]],
    ["Sở Kế hoạch và Đầu tư, Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]],
    [
      "Sở Lao động - Thương binh và Xã hội; Ban Dân tộc",
      ["Sở Lao động - Thương binh và Xã hội", "Ban Dân tộc"],
    ],
    [
      "các sở, ban, ngành và UBND các huyện, thành phố",
      ["các sở, ban, ngành", "UBND các huyện, thành phố"],
    ],
  ])("%s", (text, expected) => {
    expect(splitUnitList(text)).toEqual(expected);
  });

  it.each([
    [
      "Phối hợp với Sở Nội vụ và các cơ quan có liên quan hướng dẫn các cơ quan báo chí, truyền thông của tỉnh:",
      ["Sở Nội vụ", "các cơ quan có liên quan"],
    ],
    [
      "Chủ trì, phối hợp với Sở Tài chính, Sở Kế hoạch và Đầu tư tham mưu bố trí kinh phí.",
      ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"],
    ],
    ["phoi hop voi Sở Tư pháp thực hiện", ["Sở Tư pháp"]],
    ["Chủ động phối hợp trong thực hiện nhiệm vụ.", []],
  ])("cooperating in %j", (sentence, expected) => {
    expect(cooperatingFromSentence(sentence)).toEqual(expected);
  });

  it.each([
    ["Sở Nội vụ", ["Sở Nội vụ"], []],
    ["Giám đốc Sở Y tế", ["Sở Y tế"], []],
    [
      "Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố",
      [],
      ["department", "district"],
    ],
    ["Chủ tịch UBND các xã, phường, thị trấn", [], ["commune"]],
    ["Sở Nội vụ; UBND các huyện, thành phố", ["Sở Nội vụ"], ["district"]],
    ["Các đơn vị sự nghiệp công lập thuộc tỉnh", [], ["public_service"]],
  ])("assignees of %j", (heading, unitNames, unitKinds) => {
    expect(assigneesFromHeading(heading)).toEqual({ unitNames, unitKinds });
  });
});

describe("task titles, deadlines in sentences and plan codes", () => {
  it.each([
    ["Tổ chức tập huấn. Báo cáo kết quả.", "Tổ chức tập huấn"],
    [
      "Ban hành Quyết định số 1847/QĐ-TTg ngày 27/12/2018.",
      "Ban hành Quyết định số 1847/QĐ-TTg ngày 27/12/2018",
    ],
    ["Một dòng\nDòng hai", "Một dòng"],
  ])("title of %j", (body, title) => {
    expect(titleFromBody(body)).toBe(title);
  });

  it("cuts a long first sentence at a word, under 160 characters", () => {
    const body = `${"Tổ chức tuyên truyền ".repeat(12)}đến toàn thể cán bộ.`;
    const title = titleFromBody(body);
    expect(title.length).toBeLessThanOrEqual(160);
    expect(title.endsWith("…")).toBe(true);
    expect(body.startsWith(title.slice(0, -1))).toBe(true);
  });

  it.each([
    ["… báo cáo Bộ Nội vụ trước ngày 15/12 hàng năm theo quy định.", "trước ngày 15/12 hàng năm"],
    ["Hoàn thành trong quý III năm 2025 để tổng hợp.", "trong quý III năm 2025"],
    ["Gửi báo cáo chậm nhất ngày 30/6/2025.", "chậm nhất ngày 30/6/2025"],
    ["Làm việc thường xuyên với cơ sở.", null],
  ])("deadline inside %j", (sentence, phrase) => {
    expect(inlineDeadline(sentence)?.phrase ?? null).toBe(phrase);
  });

  it.each([
    [
      "KẾ HOẠCH Triển khai thực hiện Đề án Văn hóa công vụ tỉnh Thái Nguyên giai đoạn 2024 - 2025",
      "2024 - 2025",
      "vhcv-thai-nguyen-2024-2025",
    ],
    ["Kế hoạch thực hiện văn hóa công vụ thành phố Hà Nội năm 2025", "2025", "vhcv-ha-noi-2025"],
    ["Kế hoạch cải cách hành chính", null, "ke-hoach-cai-cach-hanh-chinh"],
  ])("code of %j", (title, period, code) => {
    expect(planCodeFromTitle(title, period)).toBe(code);
  });
});

describe("XLSX round trip (property)", () => {
  const word = fc.constantFrom(
    "Sở",
    "Nội",
    "vụ",
    "tổ",
    "chức",
    "Đề",
    "án",
    "văn",
    "hóa",
    "công",
    "“x”",
    "1847/QĐ-TTg",
    "&",
    "<b>",
    "=1+1",
  );
  const phrase = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
  const deadlineText = fc.constantFrom(
    "Thường xuyên",
    "Quý II năm 2024",
    "Năm 2024, năm 2025",
    "trước ngày 15/11 hàng năm",
    "Tháng 3/2025",
    "trước ngày 30/6/2024",
  );
  const task = fc.record({
    title: phrase,
    body: fc.oneof(
      fc.constant(""),
      fc.array(phrase, { minLength: 1, maxLength: 3 }).map((p) => p.join("\n")),
    ),
    unit: fc.oneof(
      phrase,
      fc.constant("Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố"),
    ),
    cooperating: fc.array(phrase, { maxLength: 3 }),
    deadlineText,
  });
  const plan = fc.record({
    title: phrase,
    issuer: fc.oneof(fc.constant(""), phrase),
    period: fc.constantFrom(null, "2024 - 2025", "2025"),
    tasks: fc.array(task, { minLength: 1, maxLength: 8 }),
  });

  it("read(write(plan)) is the plan", async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const parsed: ParsedPlan = {
          plan: { code: "kh-thu", title: p.title, issuer: p.issuer, period: p.period },
          tasks: p.tasks.map((t, i) => {
            const result = parseDeadline(t.deadlineText);
            if (!result.ok) throw new Error(t.deadlineText);
            return {
              ref: `IV.${i + 1}`,
              unit: t.unit,
              assignees: assigneesFromHeading(t.unit),
              cooperating: t.cooperating,
              title: t.title,
              body: t.body,
              deadlineText: t.deadlineText,
              deadline: result.deadline,
            };
          }),
          warnings: [],
        };
        const back = await readPlanXlsx(await writePlanXlsx(parsed), "p.xlsx");
        expect(stripSourceLocations(back)).toEqual(parsed);
      }),
      { numRuns: 25 },
    );
  });
});
