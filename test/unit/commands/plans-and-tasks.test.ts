import { describe, expect, it } from "vitest";
import { emptyTally } from "../../../src/domain/occurrences/standing.js";
import type { UnitOccurrence } from "../../../src/services/tasks.js";
import { account, emptyWorld, fakeChat, unit } from "../../fakes/command-services.js";

const STP = unit(1, "STP", "Sở Tư pháp");
const SXD = unit(2, "SXD", "Sở Xây dựng");

function open(
  code: string,
  title: string,
  due: string | null,
  extra: Partial<UnitOccurrence> = {},
): UnitOccurrence {
  return {
    code,
    status: "not_started",
    progress: null,
    periodKey: "2024",
    periodStart: new Date("2024-01-01T00:00:00Z"),
    dueDate: due ? new Date(`${due}T00:00:00Z`) : null,
    extendedDue: null,
    task: { title, deadline: due ? { kind: "once", due } : null },
    ...extra,
  };
}

/** A quarter of a "Thường xuyên" task (the fake's today is 20/06/2024, in quarter II). */
function quarter(code: string, key: string, start: string, end: string): UnitOccurrence {
  return open(code, "Tuyên truyền văn hóa công vụ", end, {
    periodKey: key,
    periodStart: new Date(`${start}T00:00:00Z`),
    task: { title: "Tuyên truyền văn hóa công vụ", deadline: { kind: "ongoing" } },
  });
}

describe("/kehoach", () => {
  it("newcomer: /kehoach says what it counts — tasks, occurrences tracked, overdue — the way /nhiemvu and the digest count", async () => {
    const world = emptyWorld();
    world.plans = [
      {
        code: "KH-A",
        title: "Cải cách hành chính",
        issuer: "UBND tỉnh",
        tasks: 14,
        tally: { ...emptyTally(), counted: 1291, open: 1289, overdue: 91, done: 2, past: 1015 },
      },
      { code: "KH-B", title: "Chuyển đổi số", issuer: "Sở Nội vụ", tasks: 3, tally: emptyTally() },
    ];
    const { say, add } = fakeChat(world);
    add(account("h1", "staff", null));
    const [reply] = await say("h1", "/kehoach");
    expect(reply).toBe(
      [
        "Các kế hoạch đang theo dõi:",
        "• Cải cách hành chính (KH-A) — UBND tỉnh: 14 nhiệm vụ, 1.291 lượt đang theo dõi — 1.289 chưa hoàn thành (trong đó 91 quá hạn), 2 đã hoàn thành",
        "  (không tính 1.015 kỳ báo cáo đã qua của nhiệm vụ thường xuyên)",
        "• Chuyển đổi số (KH-B) — Sở Nội vụ: 3 nhiệm vụ, 0 lượt đang theo dõi — 0 chưa hoàn thành (trong đó 0 quá hạn), 0 đã hoàn thành",
        "Một lượt là một nhiệm vụ của một đơn vị trong một kỳ; nhiệm vụ thường xuyên chỉ tính kỳ hiện tại. /nhiemvu, bản tổng hợp tuần và tệp Excel đếm cùng một cách.",
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
    w.unitOccurrences.set(STP.id, [
      open("STP-1", "Rà soát thủ tục hành chính", "2024-06-25"),
      open("STP-2", "Báo cáo thường xuyên", null),
    ]);
    w.unitOccurrences.set(SXD.id, [open("SXD-1", "Quy hoạch đô thị", "2024-06-18")]);
    return w;
  }

  it("shows a head the open tasks of their own unit, with the days left", async () => {
    const { say, add } = fakeChat(world());
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain(
      "Nhiệm vụ của Sở Tư pháp: 2 lượt chưa hoàn thành (trong đó 0 quá hạn), 0 lượt đã hoàn thành",
    );
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
    expect(leader).toContain(
      "Nhiệm vụ của Sở Xây dựng: 1 lượt chưa hoàn thành (trong đó 1 quá hạn)",
    );
    expect(leader).toContain("SXD-1 — Quy hoạch đô thị\n  Hạn: 18/06/2024 (quá hạn 2 ngày)");
    const [head] = await say("h1", "/nhiemvu SXD");
    expect(head).toBe(
      "Bạn chỉ xem được nhiệm vụ của đơn vị mình (Sở Tư pháp), không xem được đơn vị “SXD”. Gõ /nhiemvu để xem nhiệm vụ của STP.",
    );
    const [own] = await say("h1", "/nhiemvu stp");
    expect(own).toContain("Nhiệm vụ của Sở Tư pháp: 2 lượt");
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
    w.unitOccurrences.set(
      STP.id,
      Array.from({ length: 23 }, (_, i) => open(`STP-${i + 1}`, `Việc ${i + 1}`, "2024-07-01")),
    );
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain("Nhiệm vụ của Sở Tư pháp: 23 lượt chưa hoàn thành");
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
    w.unitOccurrences.delete(STP.id);
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    expect(await say("h1", "/nhiemvu")).toEqual(["Sở Tư pháp không có nhiệm vụ nào đang mở."]);
  });

  it("newcomer: /nhiemvu groups tasks by standing — overdue, blocked, due soon, under way, not yet due, ongoing — and counts the done ones", async () => {
    const w = world();
    w.unitOccurrences.set(STP.id, [
      open("STP-LATE", "Rà soát quy chế", "2024-06-10"),
      open("STP-SOON", "Báo cáo sơ kết", "2024-06-28"),
      open("STP-WORK", "Số hóa hồ sơ", "2024-09-30", { status: "in_progress", progress: 40 }),
      open("STP-STUCK", "Sửa trụ sở", "2024-12-31", { status: "blocked" }),
      open("STP-LATER", "Tổng kết năm", "2024-12-15"),
      open("STP-DONE", "Ban hành kế hoạch", "2024-03-31", { status: "done" }),
      quarter("STP-3B-2024Q2", "2024-Q2", "2024-04-01", "2024-06-30"),
    ]);
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    const lines = (reply ?? "").split("\n");
    expect(lines[0]).toBe(
      "Nhiệm vụ của Sở Tư pháp: 6 lượt chưa hoàn thành (trong đó 1 quá hạn), 1 lượt đã hoàn thành",
    );
    const headings = lines.filter((l) => /^\S+ .*\(\d+\):$/.test(l));
    expect(headings).toEqual([
      "⚠️ Quá hạn (1):",
      "⛔ Vướng mắc, đề nghị gia hạn (1):",
      "📅 Sắp đến hạn, trong 14 ngày tới (1):",
      "🔧 Đang thực hiện (1):",
      "🕒 Chưa đến hạn (1):",
      "🔁 Thường xuyên, chưa có thời hạn — kỳ hiện tại (1):",
    ]);
    const order = lines.filter((l) => l.startsWith("• ")).map((l) => l.split(" ")[1]);
    expect(order).toEqual([
      "STP-LATE",
      "STP-STUCK",
      "STP-SOON",
      "STP-WORK",
      "STP-LATER",
      "STP-3B-2024Q2",
    ]);
    expect(reply).toContain("Hạn: 10/06/2024 (quá hạn 10 ngày)");
    expect(reply).not.toContain("STP-DONE");
  });

  it("newcomer: /nhiemvu shows only the current quarter of an ongoing task, never 'quá hạn' for past quarters", async () => {
    const w = world();
    w.unitOccurrences.set(STP.id, [
      quarter("STP-3B-2023Q4", "2023-Q4", "2023-10-01", "2023-12-31"),
      quarter("STP-3B-2024Q1", "2024-Q1", "2024-01-01", "2024-03-31"),
      quarter("STP-3B-2024Q2", "2024-Q2", "2024-04-01", "2024-06-30"),
    ]);
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain(
      "• STP-3B-2024Q2 — Tuyên truyền văn hóa công vụ\n  Hạn: thường xuyên (quý II/2024)",
    );
    expect(reply).not.toContain("STP-3B-2024Q1");
    expect(reply).not.toContain("STP-3B-2023Q4");
    expect(reply).not.toMatch(/quá hạn \d+ ngày/);
    expect(reply).toContain("(trong đó 0 quá hạn)");
    expect(reply).toContain(
      "Không liệt kê 2 kỳ báo cáo đã qua của nhiệm vụ thường xuyên (không tính là quá hạn).",
    );
  });

  it("newcomer: /nhiemvu gives a date on a day off as the working day before it, as the reminders do", async () => {
    const w = world();
    w.unitOccurrences.set(STP.id, [
      open("STP-3A", "Rà soát quy chế", "2024-06-30", { dueDay: "2024-06-28" }),
    ]);
    const { say, add } = fakeChat(w);
    add(account("h1", "head", STP));
    const [reply] = await say("h1", "/nhiemvu");
    expect(reply).toContain(
      "Hạn: 28/06/2024 (còn 8 ngày; hạn gốc 30/06/2024 là ngày nghỉ) · chưa thực hiện",
    );
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
