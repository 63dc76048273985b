import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { instantAt } from "../../src/domain/calendar/index.js";
import { readPayload } from "../../src/services/outbox.js";
import { runReminders } from "../../src/services/reminders.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { seedDigest } from "../fixtures/digest/seed.js";
import { vhcvInProcess } from "../helpers/cli.js";
import { openClaimsDb, resetClaimsDb } from "../helpers/claims-fixture.js";
import { openTestPglite, silentLogger } from "../helpers/db.js";
import { person } from "../helpers/plan-fixture.js";

async function payloadsTo(db: Database, chatId: string) {
  const rows = await db.prisma.outbox.findMany({ where: { chatId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const read = readPayload(row);
    if (!read.ok) throw new Error(read.error);
    return read.payload;
  });
}

describe("claim 11: reminders say only what the recipient's channel can do", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openClaimsDb();
    await resetClaimsDb(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("claim 11: a Zalo head is told to type the status, never to press a button; Telegram keeps its buttons", async () => {
    await person(db, { id: "head-stp-zalo", role: "head", unit: "STP", channel: "zalo" });
    await person(db, { id: "deputy-stp-tg", role: "deputy", unit: "STP", channel: "telegram" });
    // STP-3A is due in Quý II/2024: its first reminder goes seven working days before.
    const deps = { prisma: db.prisma, calendar: await loadWorkCalendar(), logger: silentLogger };
    await runReminders({ ...deps, locale: "vi" }, instantAt("2024-06-19", "08:00"));

    const zalo = await payloadsTo(db, "head-stp-zalo");
    expect(zalo.length).toBeGreaterThan(0);
    for (const payload of zalo) {
      expect(payload.text).not.toContain("bấm một nút");
      expect(payload.text).toContain("Nhắn tình trạng vào đây");
      expect(payload.buttons).toBeUndefined();
    }
    const telegram = await payloadsTo(db, "deputy-stp-tg");
    expect(telegram).toHaveLength(zalo.length);
    for (const payload of telegram) {
      expect(payload.text).toContain("bấm một nút bên dưới");
      expect(payload.buttons?.flat()).toHaveLength(4);
    }
  });
});

describe("claim 11: vhcv tick builds digests as the running bot does", () => {
  let db: Database;
  let dataDir: string;
  beforeAll(async () => {
    db = await openTestPglite();
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-tick-"));
    await seedDigest(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("claim 11: vhcv tick gives a Zalo leader the chart as a link, written under DATA_DIR", async () => {
    const run = await vhcvInProcess(["tick", "--at", "2024-11-18 08:00"], {
      db,
      dataDir,
      env: { PUBLIC_BASE_URL: "https://bot.example.vn" },
    });
    expect(run.code).toBe(0);
    const zalo = await payloadsTo(db, "leader-stp");
    const text = zalo.map((p) => p.text).join("\n");
    expect(text).toContain("Biểu đồ theo đơn vị gửi kèm");
    expect(zalo.at(-1)?.photo?.url).toMatch(/^https:\/\/bot\.example\.vn\/files\//);
    // The Telegram group's chart is a file under DATA_DIR, not ./var.
    const group = await payloadsTo(db, "-100777");
    const chart = group.at(-1)?.photo?.path ?? "";
    expect(chart.startsWith(join(dataDir, "digest"))).toBe(true);
    expect(existsSync(chart)).toBe(true);
  });

  it("claim 11: without PUBLIC_BASE_URL a Zalo digest does not say a chart is attached", async () => {
    await db.prisma.outbox.deleteMany();
    await db.prisma.digestRun.deleteMany();
    const run = await vhcvInProcess(["tick", "--at", "2024-11-18 08:00"], { db, dataDir });
    expect(run.code).toBe(0);
    const zalo = await payloadsTo(db, "leader-stp");
    expect(zalo.length).toBeGreaterThan(0);
    expect(zalo.map((p) => p.text).join("\n")).not.toContain("gửi kèm");
    expect(zalo.some((p) => p.photo)).toBe(false);
    const group = await payloadsTo(db, "-100777");
    expect(group.map((p) => p.text).join("\n")).toContain("Biểu đồ theo đơn vị gửi kèm");
  });
});
