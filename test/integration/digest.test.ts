import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { instantAt, type WorkCalendar } from "../../src/domain/calendar/index.js";
import { createDigestJob } from "../../src/workers/digest-job.js";
import { runDigests, type DigestDeps } from "../../src/services/digest/run.js";
import { createFileStore } from "../../src/services/files.js";
import { readPayload } from "../../src/services/outbox.js";
import { loadWorkCalendar } from "../../src/services/work-calendar.js";
import { silentLogger, testDatabases } from "../helpers/db.js";
import { seedDigest } from "../fixtures/digest/seed.js";

const MONDAY = instantAt("2024-11-18", "08:00");
const PUBLIC = "https://bot.example.vn";

async function digestsOf(db: Database, chatId: string) {
  const rows = await db.prisma.outbox.findMany({ where: { chatId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const read = readPayload(row);
    if (!read.ok) throw new Error(read.error);
    return { ...row, payload: read.payload };
  });
}

describe.each(testDatabases())("weekly digest on $name", ({ open }) => {
  let db: Database;
  let dataDir: string;
  let calendar: WorkCalendar;
  let deps: DigestDeps;
  beforeAll(async () => {
    db = await open();
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-digest-"));
    calendar = await loadWorkCalendar();
    await seedDigest(db);
    deps = {
      prisma: db.prisma,
      calendar,
      logger: silentLogger,
      dataDir,
      files: createFileStore({ dataDir, publicBaseUrl: PUBLIC }),
      locale: "vi",
    };
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("sends nothing before Monday 08:00", async () => {
    const outcomes = await runDigests(deps, instantAt("2024-11-18", "07:59"));
    expect(outcomes.map((o) => o.state)).toEqual(["not_due", "not_due"]);
    expect(await db.prisma.outbox.count({ where: { purpose: { startsWith: "digest:" } } })).toBe(0);
  });

  it("queues last week's digest to the leadership group at 08:00: text, then the chart file", async () => {
    const outcomes = await runDigests(deps, MONDAY);
    expect(outcomes.map((o) => [o.target.key, o.state, o.period?.key])).toEqual([
      ["chat:telegram:-100777", "queued", "2024-W46"],
      [expect.stringMatching(/^account:\d+$/), "queued", "2024-W46"],
    ]);
    const rows = await digestsOf(db, "-100777");
    const text = rows.map((r) => r.payload.text).join("\n");
    expect(text).toContain("Tuần 46/2024 (11/11/2024 – 17/11/2024)");
    expect(text).toContain("☑️ Đã hoàn thành quá hạn: 1 (+1)");
    // Reported done at 07:00 on Monday: after the week, so still overdue in week 46's digest.
    expect(text).toMatch(/• STP-3G-2024 · Sở Tư pháp — quá hạn 3 ngày/);
    expect(text).toContain("• SNV-3G-2024 · Sở Nội vụ — vướng mắc: thiếu kinh phí");
    expect(
      rows.every((r) => r.dedupeKey?.startsWith("digest:chat:telegram:-100777:2024-W46:")),
    ).toBe(true);
    const photo = rows.at(-1)?.payload.photo;
    expect(photo?.path).toBeDefined();
    expect(photo?.path?.startsWith(dataDir)).toBe(true);
    const png = readFileSync(photo?.path ?? "");
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
  });

  it("sends a Zalo leader the digest of their unit in parts ≤ 2000 characters, the chart as a link", async () => {
    const leader = await db.prisma.account.findFirstOrThrow({
      where: { externalId: "leader-stp" },
    });
    const rows = await digestsOf(db, "leader-stp");
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row.channel).toBe("zalo");
      expect(row.payload.text.length).toBeLessThanOrEqual(2000);
    }
    const text = rows.map((r) => r.payload.text).join("\n");
    expect(text).toContain("Phạm vi: Sở Tư pháp");
    expect(text).not.toContain("SNV-");
    const url = rows.at(-1)?.payload.photo?.url ?? "";
    expect(url.startsWith(`${PUBLIC}/files/`)).toBe(true);
    const token = url.slice(`${PUBLIC}/files/`.length).split("/")[0] ?? "";
    expect(existsSync((await deps.files?.resolveFile(token)) ?? "")).toBe(true);
    expect(rows[0]?.purpose).toBe(`digest:account:${leader.id}:2024-W46`);
  });

  it("records each target and period once: a second tick, a second job or a restart queue nothing", async () => {
    const before = await db.prisma.outbox.count();
    const again = await runDigests(deps, instantAt("2024-11-18", "08:01"));
    expect(again.filter((o) => o.state === "queued")).toEqual([]);
    await createDigestJob({ ...deps, publicBaseUrl: PUBLIC }).run(instantAt("2024-11-19", "10:00"));
    expect(await db.prisma.outbox.count()).toBe(before);
    expect(await db.prisma.digestRun.count()).toBe(2);
  });

  it("follows a chat's own schedule and scope (Friday 16:30, Sở Nội vụ only)", async () => {
    await db.prisma.chat.create({
      data: {
        channel: "telegram",
        externalId: "-100888",
        kind: "group",
        purpose: "leadership",
        unitScope: ["SNV"],
        digestCron: "30 16 * * 5",
      },
    });
    expect(
      (await runDigests(deps, instantAt("2024-11-22", "16:29"))).find(
        (o) => o.target.key === "chat:telegram:-100888",
      )?.state,
    ).toBe("not_due");
    const outcomes = await runDigests(deps, instantAt("2024-11-22", "16:30"));
    expect(outcomes.find((o) => o.target.key === "chat:telegram:-100888")?.state).toBe("queued");
    const text = (await digestsOf(db, "-100888")).map((r) => r.payload.text).join("\n");
    expect(text).toContain("Phạm vi: Sở Nội vụ");
    expect(text).toContain("Tuần 46/2024");
    expect(text).not.toContain("STP-");
  });

  it("without PUBLIC_BASE_URL a Zalo leader gets the text without the chart", async () => {
    const outcomes = await runDigests(
      { ...deps, files: createFileStore({ dataDir }) },
      instantAt("2024-11-25", "08:00"),
      { dryRun: true },
    );
    const zalo = outcomes.find((o) => o.target.channel === "zalo");
    expect(zalo?.messages.length).toBeGreaterThan(0);
    expect(zalo?.messages.some((m) => m.photo)).toBe(false);
    const telegram = outcomes.find((o) => o.target.key === "chat:telegram:-100777");
    expect(telegram?.messages.at(-1)?.photo?.path).toBeDefined();
  });

  it("a dry run builds the messages and writes nothing", async () => {
    const before = {
      outbox: await db.prisma.outbox.count(),
      runs: await db.prisma.digestRun.count(),
    };
    const outcomes = await runDigests(deps, instantAt("2024-11-25", "08:00"), { dryRun: true });
    expect(outcomes.filter((o) => o.state === "dry_run")).toHaveLength(2);
    expect(outcomes[0]?.messages[0]?.text).toContain("Tuần 47/2024");
    expect(await db.prisma.outbox.count()).toBe(before.outbox);
    expect(await db.prisma.digestRun.count()).toBe(before.runs);
    expect(existsSync(join(dataDir, "digest", "2024-W47"))).toBe(false);
  });
});

describe.each(testDatabases())("a digest tick that dies half-way on $name", ({ open }) => {
  let db: Database;
  let dataDir: string;
  beforeAll(async () => {
    db = await open();
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-digest-"));
    await seedDigest(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("leaves no DigestRun and no message behind, and the next tick sends each message once", async () => {
    const calendar = await loadWorkCalendar();
    let calls = 0;
    const failing = db.prisma.$extends({
      query: {
        outbox: {
          async createManyAndReturn({ args, query }) {
            calls += 1;
            if (calls === 2) throw new Error("process killed mid-digest");
            return query(args);
          },
        },
      },
    });
    const base = { calendar, logger: silentLogger, dataDir };
    await expect(
      runDigests({ ...base, prisma: failing as unknown as typeof db.prisma }, MONDAY),
    ).rejects.toThrow("process killed");
    expect(await db.prisma.digestRun.count()).toBe(0);
    expect(await db.prisma.outbox.count({ where: { purpose: { startsWith: "digest:" } } })).toBe(0);

    const first = await runDigests({ ...base, prisma: db.prisma }, MONDAY);
    await runDigests({ ...base, prisma: db.prisma }, instantAt("2024-11-18", "08:05"));
    const queued = first.filter((o) => o.state === "queued");
    expect(queued).toHaveLength(2);
    const rows = await db.prisma.outbox.findMany({ where: { purpose: { startsWith: "digest:" } } });
    expect(rows).toHaveLength(queued.reduce((n, o) => n + o.messages.length, 0));
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    expect(await db.prisma.digestRun.count()).toBe(2);
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("two replicas on PostgreSQL", () => {
  it("post each digest once when both tick at the same minute", async () => {
    const { openTestPostgres, openSecondReplica } = await import("../helpers/db.js");
    const first = await openTestPostgres();
    const dataDir = await mkdtemp(join(tmpdir(), "vhcv-digest-"));
    try {
      await seedDigest(first);
      const second = await openSecondReplica(first);
      try {
        const calendar = await loadWorkCalendar();
        const depsOf = (db: Database): DigestDeps => ({
          prisma: db.prisma,
          calendar,
          logger: silentLogger,
          dataDir,
        });
        const results = [];
        for (const minute of ["08:00", "08:01", "08:02"]) {
          const at = instantAt("2024-11-18", minute);
          results.push(
            ...(await Promise.all([runDigests(depsOf(first), at), runDigests(depsOf(second), at)])),
          );
        }
        const queued = results.flat().filter((o) => o.state === "queued");
        expect(queued.map((o) => o.target.key).sort()).toEqual(
          [...new Set(queued.map((o) => o.target.key))].sort(),
        );
        expect(queued).toHaveLength(2);
        expect(await first.prisma.digestRun.count()).toBe(2);
        const rows = await first.prisma.outbox.findMany({
          where: { purpose: { startsWith: "digest:" } },
        });
        expect(rows).toHaveLength(queued.reduce((n, o) => n + o.messages.length, 0));
        expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
