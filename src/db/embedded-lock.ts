import { mkdir } from "node:fs/promises";
import lockfile from "proper-lockfile";

/** Another process holds the embedded database folder. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly folder: string) {
    super(`embedded database folder is in use by another process: ${folder}`);
    this.name = "EmbeddedDatabaseBusyError";
  }
}

/**
 * PGlite is single-process: two processes opening one folder corrupt it. Hold a lock on the
 * folder for the life of the process (refreshed in the background; a crashed holder's lock
 * goes stale after `staleMs`).
 */
export async function lockFolder(folder: string, staleMs = 10_000): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  try {
    return await lockfile.lock(folder, {
      stale: staleMs,
      update: Math.floor(staleMs / 2),
      realpath: false,
      lockfilePath: `${folder}.lock`,
      onCompromised: () => undefined,
    });
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new EmbeddedDatabaseBusyError(folder);
    }
    throw error;
  }
}
