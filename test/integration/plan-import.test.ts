import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { PlanFileInvalid, stripSourceLocations } from "../../src/domain/plan/types.js";
import { readPlanFile } from "../../src/readers/read-plan-file.js";
import { writePlanXlsx } from "../../src/readers/xlsx-plan.js";
import { UnitsUnresolved, exportPlan, importPlan } from "../../src/services/plans.js";
import { testDatabases } from "../helpers/db.js";
import { loadThaiNguyen, person } from "../helpers/plan-fixture.js";
import { projectRoot } from "../helpers/process.js";

const NOW = new Date("2024-03-01T02:00:00Z");
const fixture = (name: string) => readFile(`${projectRoot}/test/fixtures/plans/${name}`);

async function snapshot(db: Database) {
  const [plans, tasks, occurrences, reports] = await Promise.all([
    db.prisma.plan.findMany({ orderBy: { id: "asc" } }),
    db.prisma.task.findMany({ orderBy: { id: "asc" } }),
    db.prisma.occurrence.findMany({ orderBy: { id: "asc" } }),
    db.prisma.statusReport.findMany({ orderBy: { id: "asc" } }),
  ]);
  return JSON.stringify({ plans, tasks, occurrences, reports });
}

describe.each(testDatabases())("plan import on $name", ({ open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await loadThaiNguyen(db, NOW, ["UBNDT", "SNV", "STTTT", "STP"]);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("the published Thái Nguyên plan gives its 14 tasks, and re-importing it changes nothing", async () => {
    expect(await db.prisma.task.count()).toBe(14);
    const before = await snapshot(db);
    const text = await readFile(
      `${projectRoot}/data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt`,
    );
    const parsed = await readPlanFile(text, "plan.txt");
    const summary = await importPlan(db.prisma, parsed, {
      file: "plan.txt",
      actor: "test",
      now: NOW,
    });
    expect(summary.plan.state).toBe("kept");
    expect(summary.tasks.kept).toHaveLength(14);
    expect(summary.tasks.added).toEqual([]);
    expect(summary.tasks.changed).toEqual([]);
    expect(await snapshot(db)).toBe(before);
  });

  it("a corrected plan updates the task and keeps its reports", async () => {
    const head = await person(db, { id: `head-${Date.now()}`, role: "head", unit: "STP" });
    const occurrence = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    await db.prisma.statusReport.create({
      data: {
        occurrenceId: occurrence.id,
        status: "in_progress",
        progress: 40,
        accountId: head.id,
        channel: "telegram",
        previous: {},
      },
    });
    const text = (
      await readFile(`${projectRoot}/data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt`, "utf8")
    ).replace("Thời gian hoàn thành: Quý II năm 2024", "Thời gian hoàn thành: Quý III năm 2024");
    const parsed = await readPlanFile(text, "plan.txt");
    const dry = await importPlan(db.prisma, parsed, {
      file: "plan.txt",
      dryRun: true,
      actor: "test",
      now: NOW,
    });
    expect(dry.tasks.changed).toEqual(["IV.3.a"]);
    const after = await db.prisma.occurrence.findUniqueOrThrow({ where: { code: "STP-3A" } });
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe("2024-06-30");
    const applied = await importPlan(db.prisma, parsed, {
      file: "plan.txt",
      actor: "test",
      now: NOW,
    });
    expect(applied.tasks.changed).toEqual(["IV.3.a"]);
    const moved = await db.prisma.occurrence.findUniqueOrThrow({
      where: { code: "STP-3A" },
      include: { reports: true },
    });
    expect(moved.dueDate?.toISOString().slice(0, 10)).toBe("2024-09-30");
    expect(moved.id).toBe(occurrence.id);
    expect(moved.reports).toHaveLength(1);
  });

  it("a malformed CSV names its lines and leaves the database as it was", async () => {
    const before = await snapshot(db);
    const error = await readPlanFile(await fixture("ke-hoach-loi.csv"), "ke-hoach-loi.csv").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanFileInvalid);
    expect((error as PlanFileInvalid).errors.every((e) => e.line !== undefined)).toBe(true);
    expect(await snapshot(db)).toBe(before);
  });

  it("a plan naming a unit nobody knows is refused whole, with the task's line", async () => {
    const before = await snapshot(db);
    const text = (
      await readFile(`${projectRoot}/data/samples/ke-hoach-vhcv-thai-nguyen-2024-2025.txt`, "utf8")
    ).replace("2. Sở Thông tin và Truyền thông", "2. Sở Khoa học và Vũ trụ");
    const parsed = await readPlanFile(text, "plan.txt");
    const error = await importPlan(db.prisma, parsed, {
      file: "plan.txt",
      actor: "test",
      now: NOW,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnitsUnresolved);
    expect((error as UnitsUnresolved).unresolved).toMatchObject([
      { name: "Sở Khoa học và Vũ trụ", reason: "unknown", refs: ["IV.2.a", "IV.2.b"] },
    ]);
    expect((error as UnitsUnresolved).unresolved[0]?.line).toBeGreaterThan(0);
    expect(await snapshot(db)).toBe(before);
  });

  it("round trip: YAML → database → XLSX → database changes nothing", async () => {
    const yaml = await readPlanFile(await fixture("ke-hoach-mau.yaml"), "ke-hoach-mau.yaml");
    const plan = { ...yaml, plan: { ...yaml.plan, code: "vhcv-round-trip" } };
    await importPlan(db.prisma, plan, { file: "a.yaml", actor: "test", now: NOW });
    const before = await snapshot(db);
    const exported = await exportPlan(db.prisma, "vhcv-round-trip");
    const xlsx = await writePlanXlsx(exported ?? plan);
    const reread = await readPlanFile(xlsx, "round-trip.xlsx");
    expect(stripSourceLocations(reread).tasks.map((t) => [t.ref, t.deadline])).toEqual(
      stripSourceLocations(plan).tasks.map((t) => [t.ref, t.deadline]),
    );
    const summary = await importPlan(db.prisma, reread, {
      file: "round-trip.xlsx",
      actor: "test",
      now: NOW,
    });
    expect(summary.tasks.changed).toEqual([]);
    expect(summary.plan.state).toBe("kept");
    expect(await snapshot(db)).toBe(before);
  });
});

describe("reminder policy overrides from a YAML plan", () => {
  it("are stored per plan and per task, and change the reminder calendar", async () => {
    const { openTestPglite } = await import("../helpers/db.js");
    const { runReminders } = await import("../../src/services/reminders.js");
    const { loadWorkCalendar } = await import("../../src/services/work-calendar.js");
    const { instantAt } = await import("../../src/domain/calendar/index.js");
    const { silentLogger } = await import("../helpers/db.js");
    const db = await openTestPglite();
    try {
      await loadThaiNguyen(db, NOW, ["UBNDT", "SNV", "STTTT", "STP"]);
      const yaml = [
        "plan:",
        "  code: ke-hoach-rieng",
        "  title: Kế hoạch riêng",
        "  period: 2024",
        "  reminderPolicy: { beforeDueWorkingDays: [3] }",
        "tasks:",
        "  - ref: '1.a'",
        "    unit: Sở Tư pháp",
        "    title: Báo cáo riêng",
        "    deadline: trước ngày 28/6/2024",
        "  - ref: '1.b'",
        "    unit: Sở Tư pháp",
        "    title: Báo cáo gấp",
        "    deadline: trước ngày 28/6/2024",
        "    reminderPolicy: { beforeDueWorkingDays: [10] }",
      ].join("\n");
      const parsed = await readPlanFile(yaml, "rieng.yaml");
      await importPlan(db.prisma, parsed, { file: "rieng.yaml", actor: "test", now: NOW });
      const plan = await db.prisma.plan.findUniqueOrThrow({ where: { code: "ke-hoach-rieng" } });
      expect(plan.reminderPolicy).toEqual({ beforeDueWorkingDays: [3] });
      const calendar = await loadWorkCalendar();
      const deps = { prisma: db.prisma, calendar, logger: silentLogger };
      // 14/06 is 10 working days before Friday 28/06; 25/06 is 3.
      await runReminders(deps, instantAt("2024-06-14", "08:00"));
      await runReminders(deps, instantAt("2024-06-25", "08:00"));
      const reminders = await db.prisma.reminder.findMany({
        where: { occurrence: { code: { in: ["STP-1A", "STP-1B"] } }, kind: "before" },
        include: { occurrence: true },
      });
      expect(
        reminders.map((r) => [r.occurrence.code, r.forDate.toISOString().slice(0, 10)]).sort(),
      ).toEqual([
        ["STP-1A", "2024-06-25"],
        ["STP-1B", "2024-06-14"],
      ]);
      // Re-importing the same file changes nothing.
      const again = await importPlan(db.prisma, parsed, {
        file: "rieng.yaml",
        actor: "test",
        now: NOW,
      });
      expect(again.tasks.kept).toEqual(["1.a", "1.b"]);
    } finally {
      await db.close();
    }
  });
});
