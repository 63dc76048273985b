/**
 * PGlite is single-process: two processes opening one folder corrupt it. The process that opens
 * the folder holds `<folder>.owner`, a small JSON file naming it (host, pid, start time, boot, a
 * random token), for as long as it has the folder open.
 *
 *  - The lock is taken from its holder only when that exact process is gone (same pid AND same
 *    start time, src/db/process-identity.ts) — never for its age: a paused (SIGSTOP) or busy bot
 *    keeps it. A holder on another host (a shared volume) cannot be checked: its lock counts as
 *    gone once its holder has not touched it for `foreignStaleMs`.
 *  - The holder checks its lock every `checkEveryMs` (and touches it). When it is removed or
 *    replaced by another process, the lock is compromised: `onCompromised` is called once.
 *  - Release removes the lock only while it is still this holder's: never someone else's.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { z } from "zod";
import { currentProcess, processState, type ProcessIdentity } from "./process-identity.js";

/** Who opened the folder: the running bot or a `vhcv` command. */
export type LockRole = "bot" | "cli";

/** Another process holds the embedded database folder. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly folder: string,
    /** The holder, when its lock names it. */
    readonly holder?: { pid: number; role: LockRole },
  ) {
    super(
      `embedded database folder is in use by another process${holder ? ` (${holder.role}, pid ${holder.pid})` : ""}: ${folder}`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

export interface FolderLockOptions {
  role?: LockRole;
  /** Called once when the lock file is removed or replaced by another process. */
  onCompromised?: (reason: string) => void;
  /** How often the holder checks (and touches) its lock. Default 2 s. */
  checkEveryMs?: number;
  /** A lock written on another host counts as gone after this long untouched. Default 30 s. */
  foreignStaleMs?: number;
}

export const lockPath = (folder: string) => `${folder}.owner`;

const holderSchema = z.object({
  host: z.string(),
  pid: z.number().int().positive(),
  start: z.string().optional(),
  boot: z.string().optional(),
  role: z.enum(["bot", "cli"]),
  token: z.string().min(1),
});
type Holder = z.infer<typeof holderSchema>;

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function identity(holder: Holder): ProcessIdentity {
  return { host: holder.host, pid: holder.pid, start: holder.start, boot: holder.boot };
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Whether the lock whose text is `text` (modified `ageMs` ago) belongs to a process that is gone. */
function holderIsGone(text: string, ageMs: number, foreignStaleMs: number): boolean {
  const holder = parseHolder(text);
  // Empty or unreadable: being written this instant, or left by a crash while writing it.
  if (!holder) return ageMs > foreignStaleMs;
  const state = processState(identity(holder));
  return state === "gone" || (state === "unknown" && ageMs > foreignStaleMs);
}

/** Lock `folder` for this process; throws EmbeddedDatabaseBusyError while another holds it. */
export async function lockFolder(
  folder: string,
  options: FolderLockOptions = {},
): Promise<() => Promise<void>> {
  const foreignStaleMs = options.foreignStaleMs ?? 30_000;
  const path = lockPath(folder);
  const me = currentProcess();
  const holder: Holder = {
    host: me.host,
    pid: me.pid,
    ...(me.start === undefined ? {} : { start: me.start }),
    ...(me.boot === undefined ? {} : { boot: me.boot }),
    role: options.role ?? "cli",
    token: randomUUID(),
  };
  const mine = `${JSON.stringify(holder)}\n`;
  await mkdir(folder, { recursive: true });

  const busy = (text: string) => {
    const other = parseHolder(text);
    return new EmbeddedDatabaseBusyError(
      folder,
      other ? { pid: other.pid, role: other.role } : undefined,
    );
  };

  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 10) throw busy("");
    try {
      // O_EXCL: exactly one process creates the file.
      await writeFile(path, mine, { flag: "wx" });
      break;
    } catch (error) {
      if (code(error) !== "EEXIST") throw error;
    }
    const seen = await readLock(path);
    if (!seen) continue; // released meanwhile: try again
    if (attempt >= 3 || !holderIsGone(seen.text, seen.ageMs, foreignStaleMs)) {
      throw busy(seen.text);
    }
    // Take the dead holder's lock away; if what was moved is not what was judged (another
    // process took it over meanwhile), put it back and give up.
    const aside = `${path}.${holder.token}.stale`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (code(error) === "ENOENT") continue;
      throw error;
    }
    const moved = await readFile(aside, "utf8").catch(() => "");
    if (moved !== seen.text) {
      await writeFile(path, moved, { flag: "wx" }).catch(() => undefined);
      await rm(aside, { force: true });
      throw busy(moved);
    }
    await rm(aside, { force: true });
  }

  let state: "held" | "lost" | "released" = "held";
  const check = async () => {
    if (state !== "held") return;
    let text: string | undefined;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      // Only a missing file is a removed lock; a read that failed otherwise is tried next time.
      if (code(error) !== "ENOENT") return;
    }
    if (state !== "held") return;
    if (text === mine) {
      const now = new Date();
      await utimes(path, now, now).catch(() => undefined);
      return;
    }
    state = "lost";
    clearInterval(timer);
    const other = text === undefined ? undefined : parseHolder(text);
    options.onCompromised?.(
      text === undefined
        ? `the lock file ${path} was removed`
        : `the lock file ${path} was replaced${other ? ` by pid ${other.pid} on ${other.host}` : ""}`,
    );
  };
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 2_000);
  timer.unref();

  return async () => {
    clearInterval(timer);
    if (state !== "held") return;
    state = "released";
    // Only while it is still ours: a lock someone else holds now is theirs to release.
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text === mine) await rm(path, { force: true });
  };
}

async function readLock(path: string): Promise<{ text: string; ageMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    return { text, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if (code(error) === "ENOENT") return undefined;
    throw error;
  }
}
