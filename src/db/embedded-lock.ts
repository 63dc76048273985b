import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import lockfile from "proper-lockfile";

/** Another process holds the embedded database folder. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(readonly folder: string) {
    super(`embedded database folder is in use by another process: ${folder}`);
    this.name = "EmbeddedDatabaseBusyError";
  }
}

const lockPath = (folder: string) => `${folder}.lock`;
const holderPath = (folder: string) => `${folder}.holder`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the lock's holder is known to be gone: it wrote "host pid" when it took the lock, it
 * was on this host, and that pid is not running (or is us: a restarted container's pid 1).
 */
async function holderIsGone(folder: string): Promise<boolean> {
  const text = await readFile(holderPath(folder), "utf8").catch(() => "");
  const [host, pidText] = text.trim().split(" ");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return pid === process.pid || !isAlive(pid);
}

async function takeLock(folder: string, staleMs: number) {
  return lockfile.lock(folder, {
    stale: staleMs,
    update: Math.floor(staleMs / 2),
    realpath: false,
    lockfilePath: lockPath(folder),
    onCompromised: () => undefined,
  });
}

/**
 * PGlite is single-process: two processes opening one folder corrupt it. Hold a lock on the
 * folder for the life of the process (refreshed in the background). The lock of a process that
 * was killed is taken over at once when its pid is gone; otherwise it goes stale after `staleMs`.
 */
export async function lockFolder(folder: string, staleMs = 10_000): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await takeLock(folder, staleMs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    if (!(await holderIsGone(folder))) throw new EmbeddedDatabaseBusyError(folder);
    await rm(lockPath(folder), { recursive: true, force: true });
    try {
      release = await takeLock(folder, staleMs);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === "ELOCKED") {
        throw new EmbeddedDatabaseBusyError(folder);
      }
      throw again;
    }
  }
  await writeFile(holderPath(folder), `${hostname()} ${process.pid}\n`);
  return async () => {
    await rm(holderPath(folder), { force: true });
    await release();
  };
}
