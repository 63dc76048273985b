import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import {
  addDays,
  instantAt,
  localDateOf,
  type WorkCalendar,
} from "../../src/domain/calendar/index.js";
import { buildDigest } from "../../src/domain/digest/build.js";
import { digestDocument } from "../../src/domain/digest/document.js";
import { weekPeriod } from "../../src/domain/digest/period.js";
import { renderDigest } from "../../src/presentation/digest/render.js";
import { loadDigestState } from "../../src/services/digest/load.js";
import { syncOccurrences } from "../../src/services/occurrences.js";
import { readUnitsFile } from "../../src/readers/units-file.js";
import { readPlanYaml } from "../../src/readers/yaml-plan.js";
import { exportPlan, importPlan } from "../../src/services/plans.js";
import { runReminders } from "../../src/services/reminders.js";
import { importUnits } from "../../src/services/units.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { fixedClock } from "../../src/clock.js";
import { chatHarness } from "../helpers/chat.js";
import { silentLogger, testDatabases } from "../helpers/db.js";
import { person } from "../helpers/plan-fixture.js";

// A small plan in the layout of a YAML plan file, in our own words: a monthly report, a
// quarterly one, two dates a year, a task deferred to another plan and one with no time at all.
const PLAN = `
plan:
  code: bao-cao-dinh-ky-2025
  title: Kế hoạch thử nghiệm báo cáo định kỳ năm 2025
  period: "2025"
tasks:
  - ref: "1"
    unit: Sở Tư pháp
    title: Gửi báo cáo tình hình thực hiện hằng tháng về Sở Nội vụ
    deadline: trước ngày 15 hằng tháng
  - ref: "2"
    unit: Sở Tư pháp
    title: Tổng hợp kết quả kiểm tra theo quý
    deadline: Hằng quý
  - ref: "3"
    unit: Sở Tư pháp
    title: Báo cáo sơ kết và tổng kết
    deadline: trước ngày 01/6 và 15/11 hằng năm
  - ref: "4"
    unit: Sở Tư pháp
    title: Tổ chức tập huấn cho công chức
    deadline: Theo kế hoạch riêng của Sở
  - ref: "5"
    unit: Sở Tư pháp
    title: Rà soát quy chế văn hóa công sở
`;

for (const target of testDatabases()) {
  describe(`periodic and undated deadlines from import to reminders and digest (${target.name})`, () => {
    let db: Database;
    let calendar: WorkCalendar;
    beforeAll(async () => {
      db = await target.open();
      const now = new Date("2025-01-02T01:00:00Z");
      const units = readUnitsFile(
        "units:\n  - { code: STP, name: Sở Tư pháp, kind: department }\n  - { code: SNV, name: Sở Nội vụ, kind: department }\n",
        "don-vi.yaml",
      );
      await importUnits(db.prisma, units, { actor: "test", now });
      await person(db, { id: "head-stp", role: "head", unit: "STP" });
      await importPlan(db.prisma, readPlanYaml(PLAN, "dinh-ky.yaml"), {
        file: "dinh-ky.yaml",
        actor: "test",
        now,
      });
      calendar = await loadWorkCalendar();
      // Every calendar day at 08:00 (Vietnam), from January to the end of April 2025.
      for (let day = "2025-01-02"; day <= "2025-04-30"; day = addDays(day, 1)) {
        const at = instantAt(day, "08:00");
        await syncOccurrences(db.prisma, { now: at });
        await runReminders({ prisma: db.prisma, calendar, logger: silentLogger }, at);
      }
    }, 600_000);
    afterAll(async () => {
      await db?.close();
    });

    const occurrencesOf = async (ref: string) =>
      (
        await db.prisma.occurrence.findMany({
          where: { task: { ref } },
          orderBy: { periodStart: "asc" },
        })
      ).map((o) => ({
        code: o.code,
        key: o.periodKey,
        due: o.dueDate?.toISOString().slice(0, 10) ?? null,
      }));

    const remindersOf = async (code: string) =>
      (
        await db.prisma.reminder.findMany({
          where: { occurrence: { code }, state: "queued" },
          orderBy: { scheduledFor: "asc" },
        })
      ).map((r) => ({ kind: r.kind, day: r.forDate.toISOString().slice(0, 10) }));

    it("stores the new kinds and null for the undated tasks", async () => {
      const tasks = await db.prisma.task.findMany({ orderBy: { position: "asc" } });
      expect(tasks.map((t) => t.deadline)).toEqual([
        { kind: "monthly", day: 15 },
        { kind: "quarterly", month: 3, day: 31 },
        {
          kind: "several",
          deadlines: [
            { kind: "yearly", month: 6, day: 1 },
            { kind: "yearly", month: 11, day: 15 },
          ],
        },
        null,
        null,
      ]);
      expect(tasks[4]?.deadlineText).toBe("");
    });

    it("gives a monthly report one occurrence a month, due on the 15th", async () => {
      // May's period opens the day after April's due date, so it exists by the end of April.
      expect(await occurrencesOf("1")).toEqual([
        { code: "STP-1-202501", key: "2025-01", due: "2025-01-15" },
        { code: "STP-1-202502", key: "2025-02", due: "2025-02-15" },
        { code: "STP-1-202503", key: "2025-03", due: "2025-03-15" },
        { code: "STP-1-202504", key: "2025-04", due: "2025-04-15" },
        { code: "STP-1-202505", key: "2025-05", due: "2025-05-15" },
      ]);
    });

    it("reminds the monthly report like any dated task, on working days", async () => {
      // 15/02/2025 is a Saturday: the due day is Friday 14/02.
      const february = await remindersOf("STP-1-202502");
      expect(february.filter((r) => r.kind === "due").map((r) => r.day)).toEqual(["2025-02-14"]);
      expect(february.filter((r) => r.kind === "before").map((r) => r.day)).toEqual([
        "2025-02-05",
        "2025-02-13",
      ]);
      expect(february.some((r) => r.kind === "overdue")).toBe(true);
      // Working days only (Saturday 26/04/2025 was worked in exchange for Friday 02/05).
      const all = await db.prisma.reminder.findMany({ where: { state: "queued" } });
      expect(all.length).toBeGreaterThan(10);
      for (const r of all) {
        expect(calendar.isWorkingDay(localDateOf(r.scheduledFor))).toBe(true);
        expect(calendar.isWorkingDay(r.forDate.toISOString().slice(0, 10))).toBe(true);
      }
    });

    it("gives a quarterly task one occurrence a quarter and a 'several' task one per date", async () => {
      expect(await occurrencesOf("2")).toEqual([
        { code: "STP-2-2025Q1", key: "2025-Q1", due: "2025-03-31" },
        { code: "STP-2-2025Q2", key: "2025-Q2", due: "2025-06-30" },
      ]);
      expect(await occurrencesOf("3")).toEqual([
        { code: "STP-3-20250601", key: "2025-06-01", due: "2025-06-01" },
        { code: "STP-3-20251115", key: "2025-11-15", due: "2025-11-15" },
      ]);
    });

    it("checks in on undated tasks each quarter and never chases them as late", async () => {
      expect((await occurrencesOf("4")).map((o) => o.key)).toEqual(["2025-Q1", "2025-Q2"]);
      const reminders = [
        ...(await remindersOf("STP-4-2025Q1")),
        ...(await remindersOf("STP-4-2025Q2")),
        ...(await remindersOf("STP-5-2025Q2")),
      ];
      expect(reminders).toEqual([
        { kind: "checkin", day: "2025-01-02" },
        { kind: "checkin", day: "2025-04-01" },
        { kind: "checkin", day: "2025-04-01" },
      ]);
      const occurrence = await db.prisma.occurrence.findUniqueOrThrow({
        where: { code: "STP-4-2025Q2" },
      });
      const outbox = await db.prisma.outbox.findMany({ where: { occurrenceId: occurrence.id } });
      expect(outbox).toHaveLength(1);
      for (const message of outbox) {
        expect(JSON.stringify(message.payload)).toContain("chưa có thời hạn");
      }
    });

    it("counts undated tasks apart in the digest, never as overdue", async () => {
      const state = await loadDigestState(db.prisma);
      const digest = buildDigest(state, weekPeriod("2025-04-21", instantAt("2025-04-28", "08:00")));
      const late = digest.overdue.map((o) => o.code);
      expect(late).toContain("STP-1-202504");
      expect(late.some((code) => code.startsWith("STP-4") || code.startsWith("STP-5"))).toBe(false);
      expect(digest.undated).toEqual({ total: 2, reported: 0 });
      const text = renderDigest(
        digestDocument(digest, { scope: { all: true }, withChart: false }),
        "telegram",
        "vi",
      )
        .map((part) => part.text)
        .join("\n");
      expect(text).toContain("Nhiệm vụ chưa có thời hạn: 0/2 đã báo cáo tiến độ trong kỳ");
    });

    it("lists undated tasks in /nhiemvu as 'chưa có thời hạn', never late", async () => {
      const chat = await chatHarness(db, fixedClock(instantAt("2025-04-28", "09:00")));
      const [reply] = await chat.say({ id: "head-stp" }, "/nhiemvu");
      const lines = (reply ?? "").split("\n");
      const undatedLine = lines.findIndex((l) => l.includes("STP-4-2025Q2"));
      expect(undatedLine).toBeGreaterThan(0);
      expect(lines[undatedLine + 1]).toContain("chưa có thời hạn (quý II/2025)");
      const monthlyLine = lines.findIndex((l) => l.includes("STP-1-202504"));
      expect(lines[monthlyLine + 1]).toContain("quá hạn 13 ngày");
      for (const [i, line] of lines.entries()) {
        if (/STP-[45]-/.test(line)) expect(lines[i + 1]).not.toContain("quá hạn");
      }
    });

    it("exports undated tasks with their phrase and a null deadline", async () => {
      const exported = await exportPlan(db.prisma, "bao-cao-dinh-ky-2025");
      expect(exported?.tasks.map((t) => [t.deadlineText, t.deadline])).toEqual([
        ["trước ngày 15 hằng tháng", { kind: "monthly", day: 15 }],
        ["Hằng quý", { kind: "quarterly", month: 3, day: 31 }],
        [
          "trước ngày 01/6 và 15/11 hằng năm",
          {
            kind: "several",
            deadlines: [
              { kind: "yearly", month: 6, day: 1 },
              { kind: "yearly", month: 11, day: 15 },
            ],
          },
        ],
        ["Theo kế hoạch riêng của Sở", null],
        ["", null],
      ]);
    });
  });
}
