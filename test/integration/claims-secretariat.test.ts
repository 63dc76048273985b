import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { openClaimsDb, resetClaimsDb } from "../helpers/claims-fixture.js";
import { silentLogger } from "../helpers/db.js";
import { person, secretariatChat } from "../helpers/plan-fixture.js";

// Issue 15, claim 5: three ticks queued 214 one-line notices to the secretariat group; a tick
// now sends it one notice per kind, with the list.

let db: Database;
beforeAll(async () => {
  db = await openClaimsDb();
  await resetClaimsDb(db);
  await secretariatChat(db);
  await person(db, { id: "head-stp", role: "head", unit: "STP" });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const TICKS = ["2024-06-19", "2024-06-27", "2024-07-05"];

async function tick(day: string) {
  const deps = { prisma: db.prisma, calendar: await loadWorkCalendar(), logger: silentLogger };
  const at = instantAt(day, "08:00");
  const before = await db.prisma.reminder.findMany({ select: { id: true } });
  await runReminders({ ...deps, locale: "vi" }, at);
  const known = new Set(before.map((row) => row.id));
  const reminders = (
    await db.prisma.reminder.findMany({
      include: { occurrence: { include: { unit: true } } },
      orderBy: { id: "asc" },
    })
  ).filter((row) => !known.has(row.id));
  const notices = await db.prisma.outbox.findMany({
    where: { chatId: "-100500", createdAt: at },
    orderBy: { id: "asc" },
  });
  return { reminders, notices: notices.map((row) => (row.payload as { text: string }).text) };
}

describe("claim 5: secretariat notices are batched", () => {
  it("claim 5: each tick sends Sở Nội vụ one notice per kind, listing every unit with nobody linked and every task escalated", async () => {
    let forSecretariat = 0;
    let sent = 0;
    for (const day of TICKS) {
      const { reminders, notices } = await tick(day);
      const queued = reminders.filter((r) => r.state === "queued");
      const noHead = queued.filter(
        (r) => r.kind !== "escalation" && r.occurrence.unit.code !== "STP",
      );
      const escalated = queued.filter((r) => r.kind === "escalation");
      expect(noHead.length, day).toBeGreaterThan(0);
      forSecretariat += noHead.length + escalated.length;
      sent += notices.length;

      const noHeadNotices = notices.filter((text) => text.includes("chưa có thủ trưởng"));
      expect(noHeadNotices, day).toHaveLength(1);
      for (const r of noHead) {
        expect(noHeadNotices[0]).toContain(`${r.occurrence.unit.name} (${r.occurrence.unit.code})`);
        expect(noHeadNotices[0]).toContain(r.occurrence.code);
      }
      expect(noHeadNotices[0]).not.toContain("(STP)");
      const escalationNotices = notices.filter((text) => text.includes("quá hạn 5 ngày làm việc"));
      expect(escalationNotices, day).toHaveLength(escalated.length > 0 ? 1 : 0);
      for (const r of escalated) expect(escalationNotices[0]).toContain(r.occurrence.code);
      expect(notices, day).toHaveLength(noHeadNotices.length + escalationNotices.length);
    }
    // One message each would have been 9 here (214 in the three ticks).
    expect(forSecretariat).toBe(9);
    expect(sent).toBe(4);
  });

  it("claim 5: the same tick again writes no reminder and sends no notice", async () => {
    const again = await tick(TICKS[2] ?? "");
    expect(again.reminders).toEqual([]);
    const notices = await db.prisma.outbox.count({ where: { chatId: "-100500" } });
    expect(notices).toBe(4);
  });
});
