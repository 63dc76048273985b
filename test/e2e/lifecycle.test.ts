import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/app.js";
import { projectRoot } from "../helpers/process.js";

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--no-demo"], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    child.on("close", (code) => resolve({ code, at: Date.now() })),
  );
  return { child, exited, stderr: () => stderr };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("process lifecycle", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-life-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("stops cleanly on SIGTERM (sent twice), within 10 s, releasing the embedded database", async () => {
    const port = await freePort();
    const bot = startBot({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(() => bot.stderr().includes("bot started"), 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const sent = Date.now();
    bot.child.kill("SIGTERM");
    bot.child.kill("SIGTERM");
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(10_000);
    // The folder lock is released: a new process opens the same data at once.
    const again = startBot({ DATA_DIR: dataDir });
    await waitFor(() => again.stderr().includes("bot started"), 60_000);
    again.child.kill("SIGINT");
    expect((await again.exited).code).toBe(0);
  }, 120_000);

  it("waits for an unreachable PostgreSQL with backoff instead of crash-looping", async () => {
    const closedPort = await freePort();
    const bot = startBot({
      DATA_DIR: dataDir,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/none`,
    });
    await waitFor(
      () => (bot.stderr().match(/database unreachable; retrying/g) ?? []).length >= 2,
      30_000,
    );
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill("SIGKILL");
    await bot.exited;
  }, 60_000);
});
