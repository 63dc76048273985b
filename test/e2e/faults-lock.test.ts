import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockPath } from "../../src/db/embedded-lock.js";
import { bootId, processStart } from "../../src/db/process-identity.js";
import { runTsx, startBot, waitFor } from "../helpers/process.js";

describe("fault 2: the embedded folder lock of a running bot", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-lock-e2e-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("fault 2: a paused (SIGSTOP) bot keeps its lock: the CLI refuses naming its PID, deletes nothing, and the bot then stops with exit 0", async () => {
    const folder = join(dataDir, "paused");
    const bot = startBot({ DATA_DIR: folder });
    try {
      await waitFor(() => bot.stderr().includes("bot started"), 60_000, "the bot to start");
      const lock = lockPath(join(folder, "pglite"));
      const before = await readFile(lock, "utf8");
      bot.child.kill("SIGSTOP");
      // Paused for an hour, as far as the lock file's age goes (before: stale after 10 s).
      const hourAgo = new Date(Date.now() - 3_600_000);
      await utimes(lock, hourAgo, hourAgo);

      const cli = await runTsx("src/cli/index.ts", ["plan", "list"], {
        env: { DATA_DIR: folder },
      });
      expect(cli.code).toBe(3);
      expect(cli.stderr).toContain(`bot đang chạy (PID ${bot.child.pid})`);
      // Before: the CLI took the lock and deleted it on exit, so the next command ran beside the bot.
      expect(await readFile(lock, "utf8")).toBe(before);

      bot.child.kill("SIGCONT");
      bot.child.kill("SIGTERM");
      // Before: "Lock is already released", exit 1.
      expect((await bot.exited).code).toBe(0);
    } finally {
      bot.child.kill("SIGCONT");
      bot.child.kill("SIGKILL");
    }
  }, 120_000);

  it("fault 2: a bot whose lock is replaced by another process stops and exits 5 with a message, leaving that lock alone", async () => {
    const folder = join(dataDir, "replaced");
    const bot = startBot({ DATA_DIR: folder });
    try {
      await waitFor(() => bot.stderr().includes("bot started"), 60_000, "the bot to start");
      const lock = lockPath(join(folder, "pglite"));
      const theirs = `${JSON.stringify({
        host: hostname(),
        pid: process.pid,
        start: processStart(process.pid),
        boot: bootId(),
        role: "cli",
        token: "another-process",
      })}\n`;
      await writeFile(lock, theirs);

      const { code } = await bot.exited;
      expect(code).toBe(5);
      expect(bot.stderr()).toContain("đã bị một tiến trình khác xoá hoặc thay thế");
      expect(await readFile(lock, "utf8")).toBe(theirs);
    } finally {
      bot.child.kill("SIGKILL");
    }
  }, 120_000);
});
