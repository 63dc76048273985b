import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  consoleGreeting,
  isInteractive,
  progressReporter,
} from "../../../src/app/console-session.js";

const PERSONAS = ["admin", "stp", "daitu", "lanhdao", "canbo"];

describe("the console's greeting and progress", () => {
  it("newcomer: the greeting says who you talk as, what to type and who else to try", () => {
    const text = consoleGreeting(
      {
        id: "stp",
        displayName: "Thủ trưởng Sở Tư pháp",
        role: "head",
        unit: { code: "STP", name: "Sở Tư pháp" },
      },
      PERSONAS,
      "vi",
      true,
    );
    expect(text).toContain("/nhiemvu xem nhiệm vụ của đơn vị");
    expect(text).toContain(
      "Bạn đang là: Thủ trưởng Sở Tư pháp — thủ trưởng đơn vị, Sở Tư pháp (STP).",
    );
    expect(text).toContain("/trogiup");
    expect(text).toContain("gõ số hoặc tên nút để chọn");
    expect(text).toContain(
      "npm start -- --as <tên>, tên là một trong: admin, daitu, lanhdao, canbo.",
    );
    expect(text).toContain("Ctrl-D");
  });

  it("newcomer: a person in no unit is told so, not shown an empty unit", () => {
    const text = consoleGreeting(
      { id: "lanhdao", displayName: "Lãnh đạo UBND tỉnh", role: "leader", unit: null },
      PERSONAS,
      "vi",
      true,
    );
    expect(text).toContain("Bạn đang là: Lãnh đạo UBND tỉnh — lãnh đạo, chưa liên kết đơn vị.");
  });

  it("newcomer: a staff member is not pointed to /nhiemvu, which would refuse them", () => {
    const text = consoleGreeting(
      {
        id: "canbo",
        displayName: "Cán bộ Sở Tư pháp",
        role: "staff",
        unit: { code: "STP", name: "Sở Tư pháp" },
      },
      PERSONAS,
      "vi",
      false,
    );
    expect(text).not.toContain("/nhiemvu");
    expect(text).toContain("/trogiup xem các lệnh bạn dùng được; hoặc gõ một câu hỏi");
  });

  it("newcomer: progress lines go to a terminal, and nowhere when piped", () => {
    const output = new PassThrough();
    let shown = "";
    output.on("data", (chunk: Buffer) => (shown += chunk.toString("utf8")));
    const report = progressReporter(output, "vi");
    report({ step: "newDatabase", folder: "/srv/var/pglite" });
    report({ step: "demoLoaded", units: 30, tasks: 14 });
    expect(shown).toBe(
      "Lần chạy đầu: đang tạo cơ sở dữ liệu trong /srv/var/pglite và dựng các bảng (mất vài giây)…\nĐã nạp 30 đơn vị và 14 nhiệm vụ.\n",
    );
    expect(() => progressReporter(undefined, "vi")({ step: "starting" })).not.toThrow();
    expect(isInteractive({ isTTY: true }, { isTTY: true })).toBe(true);
    expect(isInteractive({ isTTY: false }, { isTTY: true })).toBe(false);
    expect(isInteractive({}, { isTTY: true })).toBe(false);
  });
});
