import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/app.js";
import { postgresSchemaUrl } from "../helpers/db.js";
import { projectRoot, startBot, waitFor } from "../helpers/process.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

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

  it("takes over the embedded folder of a bot killed with kill -9 at once, not after exit 3", async () => {
    const folder = join(dataDir, "killed");
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const m = await import("./src/db/embedded-lock.ts");
         await m.lockFolder(${JSON.stringify(join(folder, "pglite"))});
         console.log("locked");
         setInterval(() => {}, 1000);`,
      ],
      { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    holder.stdout.on("data", (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes("locked"), 30_000);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.on("close", resolve));
    const bot = startBot({ DATA_DIR: folder });
    await waitFor(() => bot.stderr().includes("bot started"), 60_000);
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
  }, 90_000);

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

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch {
    return { status: 0, body: {} };
  }
}

const pgUrl = process.env.TEST_DATABASE_URL;

/** The real PostgreSQL behind a TCP proxy the test can cut and restore. */
describe.runIf(pgUrl)("process lifecycle with PostgreSQL coming and going", () => {
  let proxy: TcpProxy;
  let schema: ReturnType<typeof postgresSchemaUrl>;
  let dataDir: string;

  beforeAll(async () => {
    const target = new URL(pgUrl ?? "");
    proxy = await startTcpProxy(
      { host: target.hostname, port: Number(target.port || 5432) },
      { listening: false },
    );
    const viaProxy = new URL(pgUrl ?? "");
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    schema = postgresSchemaUrl(viaProxy.toString());
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-pg-life-"));
  });
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await schema?.drop();
    await proxy?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says not ready while PostgreSQL is unreachable at start, then starts once it appears", async () => {
    const port = await freePort();
    const bot = startBot({ DATA_DIR: dataDir, DATABASE_URL: schema.url, PORT: String(port) });
    try {
      await waitFor(() => bot.stderr().includes("database unreachable; retrying"), 30_000);
      const waiting = await health(port);
      expect(waiting.status).toBe(503);
      expect(waiting.body).toMatchObject({ ok: false, status: "starting" });
      await proxy.restore();
      await waitFor(async () => (await health(port)).status === 200, 30_000);
      expect(bot.child.exitCode).toBeNull();
      expect((await health(port)).body).toMatchObject({ ok: true, database: "ok" });
    } finally {
      bot.child.kill("SIGTERM");
      await bot.exited;
    }
  }, 90_000);

  it("survives losing PostgreSQL mid-run: tells the person to resend, says unavailable, resumes", async () => {
    const port = await freePort();
    await proxy.restore();
    const bot = startBot({ DATA_DIR: dataDir, DATABASE_URL: schema.url, PORT: String(port) });
    try {
      await waitFor(() => bot.stderr().includes("bot started"), 60_000);
      bot.child.stdin.write("/toi\n");
      await waitFor(() => bot.stdout().includes("Vai trò:"), 20_000);

      await proxy.cut();
      await waitFor(async () => (await health(port)).status === 503, 20_000);
      expect((await health(port)).body).toMatchObject({ ok: false, database: "unavailable" });
      bot.child.stdin.write("/toi\n");
      await waitFor(() => bot.stdout().includes("tạm gián đoạn"), 20_000);
      // The outbox sender and the tick keep failing quietly meanwhile: no crash, no restart.
      await new Promise((r) => setTimeout(r, 3_000));
      expect(bot.child.exitCode).toBeNull();

      await proxy.restore();
      await waitFor(async () => (await health(port)).status === 200, 30_000);
      const before = (bot.stdout().match(/Vai trò:/g) ?? []).length;
      bot.child.stdin.write("/toi\n");
      await waitFor(() => (bot.stdout().match(/Vai trò:/g) ?? []).length > before, 20_000);
    } finally {
      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
    }
  }, 120_000);
});
