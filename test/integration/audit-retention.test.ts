import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createJobs } from "../../src/scheduler/jobs.js";
import { runTick } from "../../src/scheduler/scheduler.js";
import { audit } from "../../src/services/audit.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";

describe("audit log retention", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestPglite();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("deletes lines older than the configured days at the daily tick, keeps the rest", async () => {
    const now = new Date("2025-06-02T01:00:00Z");
    await audit(db.prisma, { actor: "t", action: "old" }, new Date("2025-01-01T00:00:00Z"));
    await audit(db.prisma, { actor: "t", action: "recent" }, new Date("2025-05-30T00:00:00Z"));
    const jobs = createJobs({
      db,
      calendar: await loadWorkCalendar(),
      logger: silentLogger,
      auditRetentionDays: 90,
    });
    await runTick(db, jobs, now, silentLogger);
    const left = await db.prisma.auditLog.findMany();
    expect(left.map((a) => a.action)).toEqual(["recent"]);
  });
});
