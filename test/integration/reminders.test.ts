import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { instantAt, addDays, weekdayOf } from "../../src/domain/calendar/index.js";
import { runTick } from "../../src/scheduler/scheduler.js";
import { createJobs } from "../../src/scheduler/jobs.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { openTestPglite, silentLogger, testDatabases } from "../helpers/db.js";
import { loadThaiNguyen, person, secretariatChat } from "../helpers/plan-fixture.js";

const UNITS = ["UBNDT", "SNV", "STTTT", "STP"];

async function remindersOf(db: Database, code: string) {
  const rows = await db.prisma.reminder.findMany({
    where: { occurrence: { code }, state: "queued" },
    orderBy: { scheduledFor: "asc" },
  });
  return rows.map((r) => ({
    kind: r.kind,
    day: r.forDate.toISOString().slice(0, 10),
    at: r.scheduledFor,
  }));
}

describe("reminders over the Thái Nguyên plan, 2024–2025, one tick every morning", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestPglite();
    await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
    await person(db, { id: "head-stp", role: "head", unit: "STP" });
    await secretariatChat(db);
    const calendar = await loadWorkCalendar();
    const jobs = createJobs({ db, calendar, logger: silentLogger });
    // Every calendar day at 08:00 (Vietnam), as the minute tick would find it.
    for (let day = "2024-01-01"; day <= "2025-12-31"; day = addDays(day, 1)) {
      await runTick(db, jobs, instantAt(day, "08:00"), silentLogger);
    }
  }, 600_000);
  afterAll(async () => {
    await db?.close();
  });

  it("reminds the head of Sở Tư pháp about 'Quý II năm 2024' on the policy's days", async () => {
    const reminders = await remindersOf(db, "STP-3A");
    const byKind = (kind: string) => reminders.filter((r) => r.kind === kind).map((r) => r.day);
    // Due 30/06/2024 is a Sunday: the due day is Friday 28/06; 7 and 1 working days before it.
    expect(byKind("before")).toEqual(["2024-06-19", "2024-06-27"]);
    expect(byKind("due")).toEqual(["2024-06-28"]);
    expect(byKind("escalation")).toEqual(["2024-07-05"]);
    const overdue = byKind("overdue");
    expect(overdue[0]).toBe("2024-07-03");
    expect(overdue).toHaveLength(20);
    expect(reminders).toHaveLength(24);
  });

  it("never sends on weekends, during Tết 2025 or on 30/4–1/5, and always at 08:00", async () => {
    const all = await db.prisma.reminder.findMany({ where: { state: "queued" } });
    expect(all.length).toBeGreaterThan(100);
    for (const reminder of all) {
      const local = new Date(reminder.scheduledFor.getTime() + 7 * 3_600_000);
      const day = local.toISOString().slice(0, 10);
      expect([0, 6]).not.toContain(weekdayOf(day));
      expect(day >= "2025-01-25" && day <= "2025-02-02").toBe(false);
      expect(["2024-04-30", "2024-05-01", "2025-04-30", "2025-05-01", "2025-05-02"]).not.toContain(
        day,
      );
      expect(local.toISOString().slice(11, 16)).toBe("08:00");
    }
  });

  it("checks in once a quarter on ongoing tasks instead of chasing them", async () => {
    const checkins = await remindersOf(db, "STP-3B-2024Q3");
    expect(checkins).toEqual([
      { kind: "checkin", day: "2024-07-01", at: instantAt("2024-07-01", "08:00") },
    ]);
  });

  it("reminds yearly tasks each year, before 15/11", async () => {
    const y2024 = (await remindersOf(db, "STP-3G-2024"))
      .filter((r) => r.kind === "before")
      .map((r) => r.day);
    const y2025 = (await remindersOf(db, "STP-3G-2025"))
      .filter((r) => r.kind === "before")
      .map((r) => r.day);
    // 15/11/2024 is a Friday; 15/11/2025 a Saturday, so its due day is Friday 14/11.
    expect(y2024).toEqual(["2024-11-06", "2024-11-14"]);
    expect(y2025).toEqual(["2025-11-05", "2025-11-13"]);
  });

  it("queues each private reminder once, with buttons, and escalations to the secretariat", async () => {
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    const outbox = await db.prisma.outbox.findMany({ where: { occurrenceId: occurrence.id } });
    const toHead = outbox.filter((o) => o.chatId === "head-stp");
    expect(toHead).toHaveLength(23);
    expect(new Set(toHead.map((o) => o.dedupeKey)).size).toBe(23);
    const first = toHead.find((o) => (o.payload as { text: string }).text.includes("còn"));
    // Reminders are timed to the Friday before the plan's date (a Sunday), and say so.
    expect((first?.payload as { text: string }).text).toContain(
      "Hạn: Thứ Sáu, ngày 28/06/2024 (hạn gốc: Chủ nhật, ngày 30/06/2024, ngày nghỉ)",
    );
    expect(JSON.stringify(first?.payload)).toContain("rp:");
    // Escalated with the other tasks of its day in one notice to Sở Nội vụ (issue 15, claim 5).
    const toSecretariat = await db.prisma.outbox.findMany({ where: { chatId: "-100500" } });
    const escalations = toSecretariat
      .map((o) => (o.payload as { text: string }).text)
      .filter((text) => /STP-3A\b.*quá hạn 5 ngày làm việc/.test(text));
    expect(escalations).toHaveLength(1);
  });
});

describe.each(testDatabases())("reminder delivery guarantees on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await loadThaiNguyen(db, new Date("2024-01-02T01:00:00Z"), UNITS);
    await person(db, { id: "head-stp", role: "head", unit: "STP" });
    await person(db, { id: "head-snv", role: "head", unit: "SNV" });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("a tick aborted half-way writes nothing for the aborted reminder, and the next tick sends each once", async () => {
    const calendar = await loadWorkCalendar();
    let calls = 0;
    const failing = db.prisma.$extends({
      query: {
        outbox: {
          async createManyAndReturn({ args, query }) {
            calls += 1;
            if (calls === 2) throw new Error("process killed mid-tick");
            return query(args);
          },
        },
      },
    });
    const at = instantAt("2024-06-19", "08:00");
    await expect(
      runReminders(
        { prisma: failing as unknown as typeof db.prisma, calendar, logger: silentLogger },
        at,
      ),
    ).rejects.toThrow("process killed");
    const afterCrash = await db.prisma.outbox.count();
    expect(afterCrash).toBe(1);
    await runReminders({ prisma: db.prisma, calendar, logger: silentLogger }, at);
    await runReminders({ prisma: db.prisma, calendar, logger: silentLogger }, at);
    const rows = await db.prisma.outbox.findMany({ where: { chatId: "head-stp" } });
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [...new Set(rows.map((r) => r.dedupeKey))].sort(),
    );
    const reminders = await db.prisma.reminder.findMany({
      where: { occurrence: { code: "STP-3A" } },
    });
    expect(reminders.map((r) => r.kind)).toEqual(["before"]);
  });

  it("after three days down, catches up what is still relevant once and skips the stale", async () => {
    const calendar = await loadWorkCalendar();
    const deps = { prisma: db.prisma, calendar, logger: silentLogger };
    const yearly = {
      where: { occurrence: { code: "STP-3G-2024" } },
      orderBy: { forDate: "asc" as const },
    };
    // Last tick Monday 04/11/2024 17:00; down Tuesday to Thursday; back Friday 08/11 08:00.
    await runReminders(deps, instantAt("2024-11-04", "17:00"));
    expect(await db.prisma.reminder.count({ where: { occurrence: { code: "STP-3G-2024" } } })).toBe(
      0,
    );
    await runReminders(deps, instantAt("2024-11-08", "08:00"));
    await runReminders(deps, instantAt("2024-11-08", "08:01"));
    const late = await db.prisma.reminder.findMany(yearly);
    // The 06/11 "7 working days before 15/11" reminder is still useful: sent once, late.
    expect(late.map((r) => [r.kind, r.forDate.toISOString().slice(0, 10), r.state])).toEqual([
      ["before", "2024-11-06", "queued"],
    ]);
    expect(
      await db.prisma.outbox.count({
        where: { chatId: "head-stp", purpose: `reminder:${late[0]?.id}` },
      }),
    ).toBe(1);
    // Down again over the due day: the "1 day before" and "due today" reminders would now be
    // wrong, so they are skipped with a log line rather than sent.
    await runReminders(deps, instantAt("2024-11-18", "08:00"));
    const after = await db.prisma.reminder.findMany(yearly);
    expect(after.map((r) => [r.kind, r.forDate.toISOString().slice(0, 10), r.state])).toEqual([
      ["before", "2024-11-06", "queued"],
      ["before", "2024-11-14", "skipped"],
      ["due", "2024-11-15", "skipped"],
    ]);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two replicas on PostgreSQL", () => {
  it("send each reminder exactly once when they tick at the same minute", async () => {
    const { openTestPostgres, openSecondReplica } = await import("../helpers/db.js");
    const first = await openTestPostgres();
    try {
      await loadThaiNguyen(first, new Date("2024-01-02T01:00:00Z"), UNITS);
      await person(first, { id: "head-stp", role: "head", unit: "STP" });
      await person(first, { id: "head-snv", role: "head", unit: "SNV" });
      const second = await openSecondReplica(first);
      try {
        const calendar = await loadWorkCalendar();
        const jobsA = createJobs({ db: first, calendar, logger: silentLogger });
        const jobsB = createJobs({ db: second, calendar, logger: silentLogger });
        for (const day of ["2024-06-19", "2024-06-27", "2024-06-28", "2024-07-01", "2024-07-03"]) {
          const at = instantAt(day, "08:00");
          await Promise.all([
            runTick(first, jobsA, at, silentLogger),
            runTick(second, jobsB, at, silentLogger),
          ]);
          // A replica that missed the lock still must not duplicate when it ticks right after.
          await runReminders({ prisma: second.prisma, calendar, logger: silentLogger }, at);
        }
        const outbox = await first.prisma.outbox.findMany({
          where: { chatId: { in: ["head-stp", "head-snv"] } },
        });
        expect(outbox.length).toBeGreaterThan(5);
        expect(new Set(outbox.map((o) => o.dedupeKey)).size).toBe(outbox.length);
        const perReminder = new Map<string, number>();
        for (const o of outbox)
          perReminder.set(
            `${o.purpose}:${o.chatId}`,
            (perReminder.get(`${o.purpose}:${o.chatId}`) ?? 0) + 1,
          );
        expect([...perReminder.values()].every((n) => n === 1)).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  }, 120_000);
});
