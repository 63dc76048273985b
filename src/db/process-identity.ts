/**
 * Which process holds something: its pid alone is not enough (pids are reused, a paused process
 * is alive). On Linux a process is its pid plus its start time (field 22 of /proc/<pid>/stat,
 * clock ticks since boot) plus the boot it belongs to (/proc/sys/kernel/random/boot_id). Where
 * /proc is missing (macOS, some sandboxes) the start time and boot are unknown and only the pid
 * is checked: a live pid then counts as the holder (never taking a lock from a live process).
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

export interface ProcessIdentity {
  host: string;
  pid: number;
  /** Start time in clock ticks since boot; undefined where /proc is missing. */
  start: string | undefined;
  /** This boot's id; undefined where /proc is missing. */
  boot: string | undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function processStart(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const start = fields[19];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

export function bootId(): string | undefined {
  return readText("/proc/sys/kernel/random/boot_id")?.trim() || undefined;
}

export function currentProcess(): ProcessIdentity {
  return {
    host: hostname(),
    pid: process.pid,
    start: processStart(process.pid),
    boot: bootId(),
  };
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether the process `holder` names is still running on this host (paused counts as running).
 * "unknown" when it was on another host: nothing here can see it.
 */
export function processState(holder: ProcessIdentity): "running" | "gone" | "unknown" {
  const me = currentProcess();
  if (holder.host !== me.host) return "unknown";
  if (holder.boot !== undefined && me.boot !== undefined && holder.boot !== me.boot) return "gone";
  if (holder.pid === me.pid) {
    // Our own pid: this very process (running), or an earlier one whose pid we got (a restarted
    // container's pid 1) — told apart by the start time when there is one.
    if (holder.start === undefined || me.start === undefined) return "gone";
    return holder.start === me.start ? "running" : "gone";
  }
  if (!pidRuns(holder.pid)) return "gone";
  const start = processStart(holder.pid);
  if (holder.start !== undefined && start !== undefined && holder.start !== start) return "gone";
  return "running";
}
