import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, lockFolder, lockPath } from "../../../src/db/embedded-lock.js";
import { bootId, processStart } from "../../../src/db/process-identity.js";

/** A process that just sleeps: a live pid that is not ours. */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
}

function foreignLock(pid: number, start: string | undefined, token = "theirs"): string {
  return `${JSON.stringify({ host: hostname(), pid, start, boot: bootId(), role: "bot", token })}\n`;
}

describe("embedded folder lock", () => {
  let dir: string;
  let folder: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "vhcv-lock-"));
    folder = join(dir, "pglite");
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("fault 2: a live holder keeps its lock however old the file is; the refusal names its PID", async () => {
    const child = sleeper();
    children.push(child);
    const pid = child.pid ?? 0;
    await expect
      .poll(() => processStart(pid) !== undefined || process.platform !== "linux")
      .toBe(true);
    const theirs = foreignLock(pid, processStart(pid));
    await writeFile(lockPath(folder), theirs);
    // Untouched for an hour: before, a lock went stale after 10 s whatever its holder was doing.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(lockPath(folder), hourAgo, hourAgo);

    const refused = await lockFolder(folder).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmbeddedDatabaseBusyError);
    expect((refused as EmbeddedDatabaseBusyError).holder).toEqual({ pid, role: "bot" });
    expect(await readFile(lockPath(folder), "utf8")).toBe(theirs);
  });

  it.runIf(process.platform === "linux")(
    "fault 2: a lock whose pid now belongs to another process (other start time) is taken",
    async () => {
      const child = sleeper();
      children.push(child);
      await writeFile(lockPath(folder), foreignLock(child.pid ?? 0, "1"));
      const release = await lockFolder(folder);
      expect(JSON.parse(await readFile(lockPath(folder), "utf8"))).toMatchObject({
        pid: process.pid,
      });
      await release();
    },
  );

  it("fault 2: a removed or replaced lock is reported once, and release leaves the other's lock in place", async () => {
    const reasons: string[] = [];
    const release = await lockFolder(folder, {
      checkEveryMs: 20,
      onCompromised: (reason) => reasons.push(reason),
    });
    const theirs = foreignLock(process.pid, processStart(process.pid), "someone-else");
    await writeFile(lockPath(folder), theirs);
    await expect.poll(() => reasons.length).toBe(1);
    expect(reasons[0]).toContain("was replaced");
    await release();
    // Before, release (and the CLI's exit) deleted whatever lock was there.
    expect(await readFile(lockPath(folder), "utf8")).toBe(theirs);
  });

  it("fault 2: a removed lock is reported as such", async () => {
    const reasons: string[] = [];
    const release = await lockFolder(folder, {
      checkEveryMs: 20,
      onCompromised: (reason) => reasons.push(reason),
    });
    await rm(lockPath(folder));
    await expect.poll(() => reasons.length).toBe(1);
    expect(reasons[0]).toContain("was removed");
    await release();
  });

  it("fault 2: the lock of a process that is gone is taken at once, and released on close", async () => {
    const child = sleeper();
    const pid = child.pid ?? 0;
    const start = processStart(pid);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    await writeFile(lockPath(folder), foreignLock(pid, start));
    const release = await lockFolder(folder, { role: "bot" });
    expect(JSON.parse(await readFile(lockPath(folder), "utf8"))).toMatchObject({
      pid: process.pid,
      role: "bot",
    });
    await release();
    await expect(readFile(lockPath(folder), "utf8")).rejects.toThrow(/ENOENT/);
  });
});
