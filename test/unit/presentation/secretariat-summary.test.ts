import { describe, expect, it } from "vitest";
import {
  escalationSummary,
  MAX_SUMMARY_LINES,
  noHeadSummary,
} from "../../../src/presentation/secretariat-summary.js";

const unit = (n: number) => ({ code: `DV${n}`, name: `Đơn vị ${n}` });

describe("claim 5: one notice per kind for Sở Nội vụ", () => {
  it("claim 5: lists each unit once with its task codes, and says how to fix it", () => {
    const text = noHeadSummary(
      [
        { unit: unit(1), code: "DV1-1" },
        { unit: unit(2), code: "DV2-1" },
        { unit: unit(1), code: "DV1-2" },
      ],
      "vi",
    );
    expect(text.split("\n")[0]).toBe(
      "2 đơn vị chưa có thủ trưởng hoặc đầu mối nào liên kết với bot, nên 3 lời nhắc đến hạn lần này không có người nhận:",
    );
    expect(text).toContain("• Đơn vị 1 (DV1): DV1-1, DV1-2");
    expect(text).toContain("• Đơn vị 2 (DV2): DV2-1");
    expect(text).toContain("vhcv link create --unit <mã đơn vị> --role head");
  });

  it("claim 5: a long list is cut with '… và N đơn vị khác', a unit's codes with 'và N mã khác'", () => {
    const items = Array.from({ length: 25 }, (_, i) => ({
      unit: unit(i + 1),
      code: `DV${i + 1}-1`,
    }));
    for (let k = 2; k <= 11; k++) items.push({ unit: unit(1), code: `DV1-${k}` });
    const lines = noHeadSummary(items, "vi").split("\n");
    expect(lines[0]).toMatch(/^25 đơn vị chưa có thủ trưởng/);
    expect(lines.filter((line) => line.startsWith("• "))).toHaveLength(MAX_SUMMARY_LINES);
    expect(lines).toContain("… và 5 đơn vị khác");
    expect(lines[1]).toBe(
      "• Đơn vị 1 (DV1): DV1-1, DV1-2, DV1-3, DV1-4, DV1-5, DV1-6, DV1-7, DV1-8 và 3 mã khác",
    );
  });

  it("claim 5: escalations are one list of tasks, titles cut, the rest counted", () => {
    const items = Array.from({ length: 22 }, (_, i) => ({
      code: `T-${i + 1}`,
      unit: "Sở Tư pháp",
      task: "Tổ chức quán triệt, phổ biến nội dung Văn hóa công vụ ".repeat(3),
      days: 5,
    }));
    const lines = escalationSummary(items, "vi").split("\n");
    expect(lines[0]).toBe("⚠️ Báo cáo Sở Nội vụ: 22 nhiệm vụ đã quá hạn, chưa hoàn thành:");
    expect(lines[1]).toMatch(/^• T-1 · Sở Tư pháp — quá hạn 5 ngày làm việc: Tổ chức/);
    expect(lines[1]?.endsWith("…")).toBe(true);
    expect(lines.at(-1)).toBe("… và 2 nhiệm vụ khác");
  });
});
