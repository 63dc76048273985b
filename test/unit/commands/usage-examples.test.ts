import { describe, expect, it } from "vitest";
import { defaultFallbacks } from "../../../commands/fallbacks.js";
import { account, emptyWorld, fakeChat, occurrence, unit } from "../../fakes/command-services.js";

const STP = unit(1, "STP", "Sở Tư pháp");
/** 2 December 2026, 09:00 in Vietnam: "30/9" of this year is past. */
const DECEMBER = "2026-12-02T02:00:00Z";

function chat() {
  const w = emptyWorld();
  w.occurrences = [occurrence(11, "STP-3A", STP, "Rà soát thủ tục hành chính")];
  const c = fakeChat(w, defaultFallbacks, DECEMBER);
  c.add(account("a1", "admin", null));
  c.add(account("h1", "head", STP));
  return { ...c, w };
}

describe("usage examples", () => {
  it("newcomer: the /giahan usage shows a date from today, and typing it as shown is accepted", async () => {
    const { say, w } = chat();
    const [usage] = await say("a1", "/giahan");
    expect(usage).toContain("/giahan STP-3A 1/1/2027");
    expect(usage).not.toContain("2024");
    const [accepted] = await say("a1", "/giahan STP-3A 1/1/2027 chủ động");
    expect(accepted).toContain(
      "Đã chấp nhận gia hạn nhiệm vụ STP-3A của Sở Tư pháp đến 01/01/2027",
    );
    expect(w.extensions.map((e) => e.newDue)).toEqual(["2027-01-01"]);
  });

  it("newcomer: the /baocao usage's extension example is a future day, and typing it is recorded", async () => {
    const { say, w } = chat();
    const [usage] = await say("h1", "/baocao");
    expect(usage).toMatch(/\/baocao STP-3A gia hạn 1\/1$/m);
    expect(usage).not.toContain("30/9");
    const [recorded] = await say("h1", "/baocao STP-3A gia hạn 1/1");
    expect(recorded).toContain("Đã ghi nhận");
    expect(w.recorded.map((r) => r.report.proposedDate)).toEqual(["2027-01-01"]);
  });

  it("newcomer: the /tonghop hint names a past day (a week back), which /tonghop accepts", async () => {
    const { say } = chat();
    const [hint] = await say("a1", "/tonghop hôm kia nữa");
    expect(hint).toBe(
      "Chưa hiểu thời gian cần tổng hợp. Ví dụ: /tonghop, /tonghop tuần trước, /tonghop 25/11/2026",
    );
  });

  it("newcomer: the /dathan usage names a quarter still ahead, in the words plans use", async () => {
    const { say, w } = chat();
    const [usage] = await say("a1", "/dathan");
    expect(usage).toContain("/dathan ke-hoach-2026 IV.1.b Quý I năm 2027");
    expect(usage).not.toContain("2026 IV.1.b Quý IV năm 2026");
    await say("a1", "/dathan ke-hoach-2026 IV.1.b Quý I năm 2027");
    expect(w.deadlines.map((d) => d.phrase)).toEqual(["Quý I năm 2027"]);
  });
});
