import { access, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";

/** Where `vhcv restore` unpacks and trial-opens a backup: beside the data folder, same disk. */
export const incomingFolder = (folder: string) => `${folder}.incoming`;
/** Where the replaced data waits until the restored data has opened in its place. */
export const previousFolder = (folder: string) => `${folder}.previous`;

/**
 * The embedded data folder holds files but is not a database that opens: the bot refuses to start
 * rather than create an empty database (and the demo data) over what is there.
 */
export class EmbeddedFolderDamagedError extends Error {
  constructor(
    readonly folder: string,
    readonly detail: string,
  ) {
    super(`embedded database folder does not open: ${folder} (${detail})`);
    this.name = "EmbeddedFolderDamagedError";
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** "empty" (a first start may create the database), "database", or "other" (files, no database). */
export async function folderState(folder: string): Promise<"empty" | "database" | "other"> {
  if (await exists(join(folder, "PG_VERSION"))) return "database";
  const entries = await readdir(folder).catch(() => []);
  return entries.length === 0 ? "empty" : "other";
}

/**
 * A restore stopped between its two renames leaves no data folder and the old data in
 * `<folder>.previous`: put it back, so that the next start opens the old data instead of creating
 * an empty database. Returns whether it did. Call with the folder's lock held.
 */
export async function recoverInterruptedRestore(folder: string): Promise<boolean> {
  const previous = previousFolder(folder);
  if ((await folderState(folder)) !== "empty") return false;
  if ((await folderState(previous)) !== "database") return false;
  await rm(folder, { recursive: true, force: true });
  await rename(previous, folder);
  return true;
}
