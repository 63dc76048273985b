import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { planQueries } from "../../src/services/plan-queries.js";
import { reminderReplies } from "../../src/services/reminder-replies.js";
import { taskQueries } from "../../src/services/tasks.js";
import { testDatabases } from "../helpers/db.js";

/** The queries that left the commands, against the real schema (PGlite, and PostgreSQL in CI). */
describe.each(testDatabases())("command queries on $name", ({ open }) => {
  let db: Database;
  let stp: number;
  let sxd: number;

  async function plan(code: string, tasks: { ref: string; statuses: string[] }[]) {
    const created = await db.prisma.plan.create({
      data: { code, title: `Kế hoạch ${code}`, issuer: "UBND tỉnh" },
    });
    for (const [position, task] of tasks.entries()) {
      const row = await db.prisma.task.create({
        data: {
          planId: created.id,
          ref: task.ref,
          position,
          unitText: "Sở Tư pháp",
          title: `Nhiệm vụ ${task.ref}`,
          body: "",
          deadlineText: "",
          deadline: { kind: "once", due: "2024-03-15" },
        },
      });
      for (const [index, status] of task.statuses.entries()) {
        await db.prisma.occurrence.create({
          data: {
            code: `${code}-${task.ref}-${index}`.toUpperCase(),
            taskId: row.id,
            unitId: index % 2 === 0 ? stp : sxd,
            periodKey: `2024-${index + 1}`,
            periodStart: new Date("2024-01-01T00:00:00Z"),
            dueDate: new Date(`2024-0${index + 1}-15T00:00:00Z`),
            status: status as "done" | "in_progress" | "not_started",
          },
        });
      }
    }
  }

  beforeAll(async () => {
    db = await open();
    stp = (
      await db.prisma.unit.create({ data: { code: "STP", name: "Sở Tư pháp", kind: "department" } })
    ).id;
    sxd = (
      await db.prisma.unit.create({
        data: { code: "SXD", name: "Sở Xây dựng", kind: "department" },
      })
    ).id;
    await plan("KH-A", [
      { ref: "1", statuses: ["done", "in_progress", "not_started"] },
      { ref: "2", statuses: ["done"] },
    ]);
    await plan("KH-B", []);
    await plan("KH-C", [{ ref: "1", statuses: ["not_started", "not_started"] }]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("counts each plan's tasks and occurrences by the shared definition, oldest plan first", async () => {
    const tally = (counted: number, open: number, overdue: number, done: number) => ({
      counted,
      open,
      overdue,
      done,
      checkins: 0,
      past: 0,
      upcoming: 0,
    });
    expect(await planQueries(db.prisma).overview("2024-02-01")).toEqual([
      {
        code: "KH-A",
        title: "Kế hoạch KH-A",
        issuer: "UBND tỉnh",
        tasks: 2,
        tally: tally(4, 2, 0, 2),
      },
      {
        code: "KH-B",
        title: "Kế hoạch KH-B",
        issuer: "UBND tỉnh",
        tasks: 0,
        tally: tally(0, 0, 0, 0),
      },
      {
        code: "KH-C",
        title: "Kế hoạch KH-C",
        issuer: "UBND tỉnh",
        tasks: 1,
        tally: tally(2, 2, 1, 0),
      },
    ]);
  });

  it("finds a unit by its code in any case and lists its occurrences by due date", async () => {
    const tasks = taskQueries(db.prisma);
    expect(await tasks.findUnitByCode("stp")).toMatchObject({ id: stp, name: "Sở Tư pháp" });
    expect(await tasks.findUnitByCode("KHONGCO")).toBeNull();
    // An extension to Sunday 17/03/2024 falls due on Friday 15/03, as the reminders say.
    await db.prisma.occurrence.update({
      where: { code: "KH-A-1-2" },
      data: { extendedDue: new Date("2024-03-17T00:00:00Z") },
    });
    const items = await tasks.unitOccurrences(stp);
    expect(items.map((o) => o.dueDay)).toEqual([undefined, undefined, undefined, "2024-03-15"]);
    expect(items.map((o) => o.code)).toEqual(["KH-A-1-0", "KH-A-2-0", "KH-C-1-0", "KH-A-1-2"]);
    expect(items[2]?.task).toEqual({
      title: "Nhiệm vụ 1",
      deadline: { kind: "once", due: "2024-03-15" },
    });
  });

  it("tells which occurrence a reply to a reminder is about, and which open ones were reminded lately", async () => {
    const occurrence = await db.prisma.occurrence.findFirstOrThrow({
      where: { unitId: stp, status: { not: "done" } },
    });
    const sentAt = new Date("2024-06-10T02:00:00Z");
    await db.prisma.outbox.create({
      data: {
        channel: "zalo",
        chatId: "z1",
        payload: { text: "nhắc" },
        purpose: `reminder:${occurrence.id}`,
        occurrenceId: occurrence.id,
        state: "sent",
        platformMessageId: "m-77",
        sentAt,
      },
    });
    const replies = reminderReplies(db.prisma);
    expect(await replies.repliedTo("zalo", "z1", "m-77")).toBe(occurrence.id);
    expect(await replies.repliedTo("zalo", "z1", "m-78")).toBeUndefined();
    expect(await replies.openReminded("zalo", "z1", new Date("2024-06-15T02:00:00Z"))).toEqual([
      occurrence.id,
    ]);
    expect(await replies.openReminded("zalo", "z1", new Date("2024-06-20T02:00:00Z"))).toEqual([]);
  });
});
