import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.js";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { loadDemoData } from "../../src/services/demo.js";
import { syncOccurrences } from "../../src/services/occurrences.js";
import { chatHarness, type Person } from "../helpers/chat.js";
import { testDatabases } from "../helpers/db.js";

/** The demo's console people, as `npm start -- --as <id>` picks them. */
const as = (id: string): Person => ({ id, channel: "console", chatId: `console:${id}` });

/** The first number after `label` in `text` ("1.291" → 1291). */
function countAfter(text: string, label: RegExp): number {
  const match = new RegExp(String.raw`([\d.]+) ${label.source}`).exec(text);
  if (!match?.[1]) throw new Error(`no count before ${label} in:\n${text}`);
  return Number(match[1].replace(/\./g, ""));
}

describe.each(testDatabases())("one count of tasks across the views on $name", ({ open }) => {
  let db: Database;
  // The demo plan ran 2024–2025; a year later its ongoing quarters are all past.
  const clock = fixedClock(instantAt("2026-12-02", "09:00"));

  beforeAll(async () => {
    db = await open();
    await loadDemoData(db.prisma, instantAt("2024-06-20", "09:00"));
    await syncOccurrences(db.prisma, { now: clock.now() });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("newcomer: /kehoach, the weekly digest and /xuatexcel give the same number of occurrences and overdue ones, and say what they count", async () => {
    const { say } = await chatHarness(db, clock);
    const [plans = ""] = await say(as("admin"), "/kehoach");
    const digest = (await say(as("lanhdao"), "/tonghop")).join("\n");
    const [excel = ""] = await say(as("lanhdao"), "/xuatexcel");

    const tracked = countAfter(plans, /lượt đang theo dõi/);
    expect(countAfter(excel, /lượt đang theo dõi/)).toBe(tracked);
    // The digest counts dated occurrences and, apart, the current check-ins (none a year on).
    expect(digest).toContain(`Tổng: ${tracked} lượt có thời hạn (nhiệm vụ × đơn vị × kỳ)`);
    expect(digest).not.toContain("Nhiệm vụ thường xuyên");
    const overdue = countAfter(plans, /quá hạn\)/);
    expect(overdue).toBe(tracked);
    expect(countAfter(excel, /quá hạn;/)).toBe(overdue);
    expect(digest).toContain(`Chưa hoàn thành – quá hạn: ${overdue} `);

    // What is left out is said, not silently dropped: the past quarters of ongoing tasks.
    const past = countAfter(plans, /kỳ báo cáo đã qua/);
    const rows = countAfter(excel, /dòng, mỗi dòng một lượt/);
    expect(rows).toBe(tracked + past);
    expect(plans).toContain("nhiệm vụ thường xuyên chỉ tính kỳ hiện tại");
  });

  it("newcomer: a head's /nhiemvu lists the unit's overdue tasks, not the past quarters of ongoing ones", async () => {
    const { say } = await chatHarness(db, clock);
    const [tasks = ""] = await say(as("stp"), "/nhiemvu");
    const listed = tasks.split("\n").filter((line) => line.startsWith("• "));
    expect(tasks).toMatch(
      /^Nhiệm vụ của Sở Tư pháp: (\d+) lượt chưa hoàn thành \(trong đó \1 quá hạn\)/,
    );
    expect(listed.length).toBe(countAfter(tasks, /lượt chưa hoàn thành/));
    expect(tasks).not.toContain("thường xuyên (quý");
    expect(tasks).toMatch(/Không liệt kê \d+ kỳ báo cáo đã qua của nhiệm vụ thường xuyên/);
  });
});
