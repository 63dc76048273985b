import { describe, expect, it } from "vitest";
import type { OpenOccurrence } from "../../../src/services/tasks.js";
import { account, emptyWorld, fakeChat, unit } from "../../fakes/command-services.js";

const STP = unit(1, "STP", "Sở Tư pháp");
const SXD = unit(2, "SXD", "Sở Xây dựng");

function open(code: string, title: string, due: string | null): OpenOccurrence {
  return {
    code,
    status: "not_started",
    progress: null,
    periodKey: "2024",
    periodStart: new Date("2024-01-01T00:00:00Z"),
    dueDate: due ? new Date(`${due}T00:00:00Z`) : null,
    extendedDue: null,
    task: { title, deadline: due ? { kind: "once", due } : null },
  };
}

describe("/kehoach", () => {
  it("lists each plan with its tasks and open occurrences", async () => {
    const world = emptyWorld();
    world.plans = [
      { code: "KH-A", title: "Cải cách hành chính", issuer: "UBND tỉnh", tasks: 12, open: 7 },
      { code: "KH-B", title: "Chuyển đổi số", issuer: "Sở Nội vụ", tasks: 3, open: 0 },
    ];
    const { say, add } = fakeChat(world);
    add(account("h1", "staff", null));
    const [reply] = await say("h1", "/kehoach");
    expect(reply).toBe(
      [
        "Các kế hoạch đang theo dõi:",
        "• Cải cách hành chính (KH-A) — UBND tỉnh; 12 nhiệm vụ, 7 lượt chưa hoàn thành",
        "• Chuyển đổi số (KH-B) — Sở Nội vụ; 3 nhiệm vụ, 0 lượt chưa hoàn thành",
      ].join("\n"),
    );
  });

  it("says there is no plan yet and how the admin loads one", async () => {
    const { say, add } = fakeChat(emptyWorld());
    add(account("h1", "staff", null));
    expect(await say("h1", "/kehoach")).toEqual([
      "Chưa có kế hoạch nào. Quản trị nạp kế hoạch bằng: vhcv plan import <tệp>",
    ]);
  });
});

describe("/nhiemvu", () => {
  function world() {
    const w = emptyWorld();
    w.units = [STP, SXD];
    w.openByUnit.set(STP.id, [
      open("STP-1", "Rà soát thủ tục hành chính", "2024-06-25"),
      open("STP-2", "Báo cáo thường xuyên", null),
    ]);
    w.openByUnit.set(SXD.id, [open("SXD-1", "Quy hoạch đô thị", "2024-06-18")]);
    return w;
  }

  it("shows a head the open tasks of their own unit, with the days left", async () => {
    const { say, add } = fakeChat(world());
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain("Nhiệm vụ đang mở của Sở Tư pháp (2):");
    expect(reply).toContain("• STP-1 — Rà soát thủ tục hành chính\n  Hạn: 25/06/2024 (còn 5 ngày)");
    expect(reply).toContain("• STP-2 — Báo cáo thường xuyên\n  Hạn: chưa có thời hạn");
    expect(reply).not.toContain("SXD-1");
  });

  it("lets a leader look at another unit by its code; a head asking for another is told they may not", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("l1", "leader", null));
    add(account("h1", "head", STP));
    const [leader] = await say("l1", "/nhiemvu sxd");
    expect(leader).toContain("Nhiệm vụ đang mở của Sở Xây dựng (1):");
    expect(leader).toContain("SXD-1 — Quy hoạch đô thị\n  Hạn: 18/06/2024 (quá hạn 2 ngày)");
    const [head] = await say("h1", "/nhiemvu SXD");
    expect(head).toBe(
      "Bạn chỉ xem được nhiệm vụ của đơn vị mình (Sở Tư pháp), không xem được đơn vị “SXD”. Gõ /nhiemvu để xem nhiệm vụ của STP.",
    );
    const [own] = await say("h1", "/nhiemvu stp");
    expect(own).toContain("Nhiệm vụ đang mở của Sở Tư pháp (2):");
  });

  it("names an unknown unit code, and asks a leader of no unit which unit", async () => {
    const { say, add } = fakeChat(world());
    add(account("l1", "leader", null));
    expect(await say("l1", "/nhiemvu KHONGCO")).toEqual(["Không có đơn vị mã “KHONGCO”."]);
    const [which] = await say("l1", "/nhiemvu");
    expect(which).toContain("Bạn theo dõi mọi đơn vị: hãy gõ /nhiemvu <mã đơn vị>");
    expect(which).toContain("STP");
    expect(which).not.toContain("chưa liên kết");
  });

  it("lists 20 a page and says how to see the next page", async () => {
    const w = world();
    w.openByUnit.set(
      STP.id,
      Array.from({ length: 23 }, (_, i) => open(`STP-${i + 1}`, `Việc ${i + 1}`, "2024-07-01")),
    );
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain("(23):");
    expect(reply).toContain("STP-20 —");
    expect(reply).not.toContain("STP-21 —");
    expect(reply).toContain("Trang 1/2 — xem tiếp: /nhiemvu 2");
    const [next] = await say("h1", "/nhiemvu 2");
    expect(next).toContain("STP-21 —");
    expect(next).toContain("STP-23 —");
    expect(next).not.toContain("STP-20 —");
    expect(next).toContain("Trang 2/2 (trang cuối)");
    expect(await say("h1", "/nhiemvu 3")).toEqual(["Không có trang 3: danh sách có 2 trang."]);
  });

  it("says a unit with nothing open has nothing open", async () => {
    const w = world();
    w.openByUnit.delete(STP.id);
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    expect(await say("h1", "/nhiemvu")).toEqual(["Sở Tư pháp không có nhiệm vụ nào đang mở."]);
  });

  it("refuses staff, and the refusal is audited", async () => {
    const w = world();
    const { say, add } = fakeChat(w);
    add(account("s1", "staff", STP));
    const [reply] = await say("s1", "/nhiemvu");
    expect(reply).toContain("Lệnh /nhiemvu dành cho");
    expect(reply).toContain("bạn đang là cán bộ, công chức, viên chức của Sở Tư pháp");
    expect(w.audits).toEqual([
      expect.objectContaining({ action: "command.refused", subject: "nhiemvu" }),
    ]);
  });
});
