import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, postgresConnection } from "../../src/db/client.js";
import { postgresSchemaUrl, silentLogger } from "../helpers/db.js";
import { runTsx } from "../helpers/process.js";

const run = promisify(execFile);

describe("backup and restore", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "vhcv-backup-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("embedded: vhcv backup, then vhcv restore into another DATA_DIR gives the same data", async () => {
    const source = join(dir, "source");
    const target = join(dir, "target");
    const file = join(dir, "vhcv.tar.gz");
    // Demo data on a first start, then a backup of it.
    expect(
      (await runTsx("src/main.ts", [], { input: "/toi\n", env: { DATA_DIR: source } })).code,
    ).toBe(0);
    const backup = await runTsx("src/cli/index.ts", ["backup", "--out", file], {
      env: { DATA_DIR: source },
    });
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain("Đã sao lưu");
    const restore = await runTsx("src/cli/index.ts", ["restore", "--from", file], {
      env: { DATA_DIR: target },
    });
    expect(restore.code).toBe(0);
    // Restoring over data is refused without --force.
    const again = await runTsx("src/cli/index.ts", ["restore", "--from", file], {
      env: { DATA_DIR: target },
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
    const plans = await runTsx("src/cli/index.ts", ["plan", "list"], { env: { DATA_DIR: target } });
    expect(plans.stdout).toContain("vhcv-thai-nguyen-2024-2025\t14\t");
    const units = await runTsx("src/cli/index.ts", ["units", "list"], {
      env: { DATA_DIR: target },
    });
    expect(units.stdout.split("\n").filter(Boolean).length).toBe(30);
  }, 180_000);

  it("claim 8: the next start refuses a data folder that does not open (exit 4), never the demo data over it", async () => {
    const damaged = join(dir, "damaged");
    await mkdir(join(damaged, "pglite", "base"), { recursive: true });
    await writeFile(join(damaged, "pglite", "base", "16384"), "half a restore");
    const start = await runTsx("src/main.ts", [], { input: "/toi\n", env: { DATA_DIR: damaged } });
    expect(start.code).toBe(4);
    expect(start.stderr).toContain("không mở được như cơ sở dữ liệu");
    expect(start.stderr).toContain("vhcv restore --from");
    expect(await readdir(join(damaged, "pglite"))).toEqual(["base"]);
  }, 120_000);

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "PostgreSQL: pg_dump of the schema restores with pg_restore",
    async () => {
      const source = postgresSchemaUrl(process.env.TEST_DATABASE_URL ?? "");
      const restoredSchema = `${source.schema}_r`;
      const db = await openDatabase({ databaseUrl: source.url, dataDir: "", logger: silentLogger });
      await db.prisma.unit.create({
        data: { code: "STP", name: "Sở Tư pháp", kind: "department" },
      });
      await db.close();
      const { connectionString } = postgresConnection(process.env.TEST_DATABASE_URL ?? "");
      const file = join(dir, "vhcv.dump");
      try {
        await run("pg_dump", ["-Fc", "-n", source.schema, "-f", file, connectionString]);
        const client = new pg.Client({ connectionString });
        await client.connect();
        await client.query(`ALTER SCHEMA ${source.schema} RENAME TO ${restoredSchema}`);
        await run("pg_restore", ["-d", connectionString, file]);
        const { rows } = await client.query<{ name: string }>(
          `SELECT name FROM ${source.schema}."Unit"`,
        );
        expect(rows.map((r) => r.name)).toEqual(["Sở Tư pháp"]);
        await client.query(`DROP SCHEMA IF EXISTS ${restoredSchema} CASCADE`);
        await client.end();
      } finally {
        await source.drop();
      }
    },
    60_000,
  );
});
