import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedFolder, openDatabase } from "../../src/db/client.js";
import { EmbeddedFolderDamagedError } from "../../src/db/embedded-folder.js";
import { loadDemoData } from "../../src/services/demo.js";
import { vhcvInProcess } from "../helpers/cli.js";
import { silentLogger } from "../helpers/db.js";

const NOTE = "Đã trình UBND tỉnh ngày 01/12";
let dir: string;
let source: string;
let backupFile: string;
let legacyFile: string;

const open = (dataDir: string) =>
  openDatabase({ databaseUrl: undefined, dataDir, logger: silentLogger });

/** The reports people would look for after a restore. */
async function reportNotes(dataDir: string): Promise<(string | null)[]> {
  const db = await open(dataDir);
  try {
    return (await db.prisma.statusReport.findMany()).map((r) => r.note);
  } finally {
    await db.close();
  }
}

const leftovers = async (dataDir: string) =>
  (await readdir(dataDir)).filter((name) => /\.(incoming|previous)$/.test(name));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "vhcv-restore-"));
  source = join(dir, "source");
  backupFile = join(dir, "vhcv.tar.gz");
  legacyFile = join(dir, "legacy.tar.gz");
  const db = await open(source);
  try {
    const now = new Date("2026-12-02T07:05:00Z");
    await loadDemoData(db.prisma, now);
    const occurrence = await db.prisma.occurrence.findFirstOrThrow({ orderBy: { id: "asc" } });
    await db.prisma.statusReport.create({
      data: {
        occurrenceId: occurrence.id,
        status: "done",
        note: NOTE,
        channel: "telegram",
        previous: { status: occurrence.status },
      },
    });
    const backup = await vhcvInProcess(["backup", "--out", backupFile], { db, dataDir: source });
    expect(backup.code, backup.stderr).toBe(0);
    // What `vhcv backup` wrote before it added a manifest: PGlite's dump alone.
    const dump = await db.dumpEmbedded?.();
    await writeFile(legacyFile, dump ?? Buffer.alloc(0));
  } finally {
    await db.close();
  }
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("claim 8: vhcv restore checks the file before it touches the data", () => {
  it("claim 8: a valid backup round-trips into an empty DATA_DIR and keeps the reports", async () => {
    const target = join(dir, "target");
    const restored = await vhcvInProcess(["restore", "--from", backupFile], { dataDir: target });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("Đã khôi phục cơ sở dữ liệu nhúng");
    expect(restored.stdout).toContain("30 đơn vị, 1 báo cáo tình hình");
    expect(await reportNotes(target)).toEqual([NOTE]);
    expect(await leftovers(target)).toEqual([]);
  }, 120_000);

  it("claim 8: a truncated backup with --force is refused in Vietnamese; the data in place keeps its reports", async () => {
    const whole = await readFile(backupFile);
    const truncated = join(dir, "truncated.tar.gz");
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const run = await vhcvInProcess(["restore", "--from", truncated, "--force"], {
      dataDir: source,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Không khôi phục: tệp");
    expect(run.stderr).toContain("bị cắt cụt");
    expect(run.stderr).toContain("vẫn nguyên vẹn");
    expect(await leftovers(source)).toEqual([]);
    expect(await reportNotes(source)).toEqual([NOTE]);
  }, 120_000);

  it("claim 8: a foreign file with --force is refused in Vietnamese; the data in place keeps its reports", async () => {
    const text = join(dir, "bao-cao.txt");
    await writeFile(text, "Báo cáo quý IV năm 2026\n");
    const notGzip = await vhcvInProcess(["restore", "--from", text, "--force"], {
      dataDir: source,
    });
    expect(notGzip.code).toBe(1);
    expect(notGzip.stderr).toContain("không phải bản sao lưu do vhcv backup tạo");
    // A real PGlite data folder, but of another application: it opens, and is still refused.
    const other = join(dir, "other");
    const otherDb = await import("@electric-sql/pglite").then((m) => m.PGlite.create(other));
    await otherDb.query("CREATE TABLE notes (body text)");
    const otherDump = join(dir, "other.tar.gz");
    await writeFile(
      otherDump,
      Buffer.from(await (await otherDb.dumpDataDir("gzip")).arrayBuffer()),
    );
    await otherDb.close();
    const foreign = await vhcvInProcess(["restore", "--from", otherDump, "--force"], {
      dataDir: source,
    });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("không phải của vhcv");
    expect(foreign.stderr).toContain("vẫn nguyên vẹn");
    expect(await leftovers(source)).toEqual([]);
    expect(await reportNotes(source)).toEqual([NOTE]);
  }, 120_000);

  it("claim 8: a backup made before manifests still restores (--force replaces the data) and says it had none", async () => {
    const target = join(dir, "legacy-target");
    const db = await open(target);
    await db.close();
    const run = await vhcvInProcess(["restore", "--from", legacyFile, "--force"], {
      dataDir: target,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("1 báo cáo tình hình");
    expect(run.stdout).toContain("trước khi vhcv ghi bảng kê");
  }, 120_000);

  it("claim 8: on PostgreSQL restore is refused and names pg_restore in one transaction", async () => {
    const run = await vhcvInProcess(["restore", "--from", backupFile], {
      dataDir: join(dir, "unused"),
      env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/vhcv_none" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("pg_restore --single-transaction");
    await expect(readdir(join(dir, "unused"))).rejects.toThrow();
  });
});

describe("claim 8: the next start never loads demo data over data that did not open", () => {
  it("claim 8: a data folder with files that are not a database is refused, left as it was", async () => {
    const dataDir = join(dir, "damaged");
    const folder = embeddedFolder(dataDir);
    await mkdir(join(folder, "base"), { recursive: true });
    await writeFile(join(folder, "base", "16384"), "half a restore");
    await expect(open(dataDir)).rejects.toBeInstanceOf(EmbeddedFolderDamagedError);
    expect((await readdir(folder)).sort()).toEqual(["base"]);
  });

  it("claim 8: a restore stopped between its two renames: the next start opens the old data", async () => {
    const folder = embeddedFolder(source);
    await rename(folder, `${folder}.previous`);
    expect(await reportNotes(source)).toEqual([NOTE]);
    expect(await leftovers(source)).toEqual([]);
  }, 120_000);
});
