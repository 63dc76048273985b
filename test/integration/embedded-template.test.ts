import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { migrationsDir } from "../../src/db/migrate.js";
import { readEmbeddedTemplate } from "../../src/db/embedded-template.js";
import { prepareEmbeddedTemplate } from "../../src/db/prepare-template.js";
import { createLogger } from "../../src/logger.js";
import { silentLogger } from "../helpers/db.js";

/** A logger whose lines are kept, to see whether migrations ran. */
function recordingLogger() {
  const lines: string[] = [];
  const logger = createLogger({
    level: "info",
    secrets: [],
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { logger, lines };
}

describe("embedded database template", () => {
  let dataDir: string;
  let migrations: number;
  beforeAll(async () => {
    migrations = (await readdir(migrationsDir(), { withFileTypes: true })).filter((entry) =>
      entry.isDirectory(),
    ).length;
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-template-"));
    // What the postinstall does.
    await prepareEmbeddedTemplate(silentLogger);
  }, 120_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a first start unpacks the template: every migration is there, none is run again", async () => {
    expect(await readEmbeddedTemplate()).toBeDefined();
    const { logger, lines } = recordingLogger();
    const db = await openDatabase({ databaseUrl: undefined, dataDir, logger });
    try {
      expect(lines.filter((line) => line.includes("migration applied"))).toEqual([]);
      const [row] = await db.sql.withSession((s) =>
        s.query<{ applied: number }>(`SELECT count(*)::int AS applied FROM "_prisma_migrations"`),
      );
      expect(row?.applied).toBe(migrations);
      expect(await db.prisma.unit.count()).toBe(0);
      await db.prisma.unit.create({
        data: { code: "STP", name: "Sở Tư pháp", kind: "department" },
      });
    } finally {
      await db.close();
    }
  });

  it("a folder that holds data is opened as it is, never replaced by the template", async () => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir, logger: silentLogger });
    try {
      expect((await db.prisma.unit.findMany()).map((unit) => unit.code)).toEqual(["STP"]);
    } finally {
      await db.close();
    }
  });

  it("without the template a new database is initialised and migrated as before", async () => {
    const { logger, lines } = recordingLogger();
    const db = await openDatabase({
      databaseUrl: undefined,
      dataDir: "",
      inMemory: true,
      useTemplate: false,
      logger,
    });
    await db.close();
    expect(lines.filter((line) => line.includes("migration applied"))).toHaveLength(migrations);
  });
});
