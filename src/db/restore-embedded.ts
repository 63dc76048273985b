import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { BackupRejectedError, readBackup, type BackupManifest } from "./backup-archive.js";
import { EMBEDDED_POSTGRESQL_CONF, embeddedFolder } from "./client.js";
import { lockFolder } from "./embedded-lock.js";
import { incomingFolder, previousFolder, recoverInterruptedRestore } from "./embedded-folder.js";

export class EmbeddedFolderNotEmptyError extends Error {
  constructor(readonly folder: string) {
    super(`embedded database folder is not empty: ${folder}`);
    this.name = "EmbeddedFolderNotEmptyError";
  }
}

/** A restore left `<folder>.previous` behind and the admin must look before another one. */
export class PreviousFolderLeftError extends Error {
  constructor(readonly folder: string) {
    super(`a previous restore left ${folder}`);
    this.name = "PreviousFolderLeftError";
  }
}

export interface RestoredSummary {
  folder: string;
  units: number;
  reports: number;
  /** Null for a backup made before manifests were written. */
  manifest: BackupManifest | null;
}

/** Open a data folder, check it is this bot's database, count what people would look for. */
async function trialOpen(folder: string): Promise<{ units: number; reports: number }> {
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(folder, { postgresqlconf: EMBEDDED_POSTGRESQL_CONF });
  } catch (error) {
    throw new BackupRejectedError("openFailed", (error as Error).message);
  }
  try {
    const tables = await pglite.query<{ name: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"')::text AS name
       UNION ALL SELECT to_regclass('"Unit"')::text
       UNION ALL SELECT to_regclass('"StatusReport"')::text`,
    );
    if (tables.rows.some((row) => row.name === null)) throw new BackupRejectedError("notVhcv");
    const counts = await pglite.query<{ units: number; reports: number }>(
      `SELECT (SELECT count(*) FROM "Unit")::int AS units,
              (SELECT count(*) FROM "StatusReport")::int AS reports`,
    );
    return counts.rows[0] ?? { units: 0, reports: 0 };
  } catch (error) {
    if (error instanceof BackupRejectedError) throw error;
    throw new BackupRejectedError("openFailed", (error as Error).message);
  } finally {
    await pglite.close().catch(() => undefined);
  }
}

async function hasEntries(folder: string): Promise<boolean> {
  return (await readdir(folder).catch(() => [])).length > 0;
}

/**
 * Restore a `vhcv backup` file into DATA_DIR's embedded folder. Nothing there is touched until
 * the file has been read to the end and checked (`readBackup`) and its data opened in a folder
 * beside it; then the folders are swapped by rename, the new one is opened where it now lies,
 * and only then is the old one removed (on a failure there it is put back).
 */
export async function restoreEmbedded(
  dataDir: string,
  backup: Uint8Array,
  options: { force?: boolean } = {},
): Promise<RestoredSummary> {
  const folder = embeddedFolder(dataDir);
  const incoming = incomingFolder(folder);
  const previous = previousFolder(folder);
  const release = await lockFolder(folder);
  try {
    await recoverInterruptedRestore(folder);
    if (!options.force && (await hasEntries(folder))) throw new EmbeddedFolderNotEmptyError(folder);
    if (await hasEntries(previous)) throw new PreviousFolderLeftError(previous);
    const { entries, manifest } = readBackup(backup);

    await rm(incoming, { recursive: true, force: true });
    try {
      await mkdir(incoming);
      for (const entry of entries) {
        const path = join(incoming, entry.name);
        if (entry.type === "directory") await mkdir(path, { recursive: true });
        else {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, entry.data);
        }
      }
      await trialOpen(incoming);
    } catch (error) {
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }

    await rm(previous, { recursive: true, force: true });
    await rename(folder, previous);
    await rename(incoming, folder);
    let counts: { units: number; reports: number };
    try {
      counts = await trialOpen(folder);
    } catch (error) {
      await rename(folder, incoming);
      await rename(previous, folder);
      await rm(incoming, { recursive: true, force: true });
      throw error;
    }
    await rm(previous, { recursive: true, force: true });
    return { folder, ...counts, manifest };
  } finally {
    await release();
  }
}
