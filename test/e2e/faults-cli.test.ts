import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresConnection } from "../../src/db/client.js";
import { freePort } from "../helpers/app.js";
import { postgresSchemaUrl } from "../helpers/db.js";
import { runTsx } from "../helpers/process.js";
import { startTcpProxy, type TcpProxy } from "../helpers/tcp-proxy.js";

const FIXTURES = "test/fixtures/plans/import";
const pgUrl = process.env.TEST_DATABASE_URL;

describe.runIf(pgUrl)("fault 6: the admin CLI when PostgreSQL fails under it", () => {
  let proxy: TcpProxy;
  let schema: ReturnType<typeof postgresSchemaUrl>;
  const vhcv = (env: Record<string, string>, ...args: string[]) =>
    runTsx("src/cli/index.ts", args, {
      env: { DATA_DIR: "/nonexistent", ...env },
      timeoutMs: 120_000,
    });

  beforeAll(async () => {
    const target = new URL(pgUrl ?? "");
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(pgUrl ?? "");
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    schema = postgresSchemaUrl(viaProxy.toString());
  });
  afterAll(async () => {
    await proxy?.restore();
    await schema?.drop();
    await proxy?.close();
  });

  it("fault 6: PostgreSQL unreachable at start: exit 1 and one sentence after a few tries, not a wait for ever", async () => {
    const closed = await freePort();
    const result = await vhcv(
      { DATABASE_URL: `postgresql://postgres@127.0.0.1:${closed}/none` },
      "units",
      "list",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cơ sở dữ liệu không trả lời");
    expect(result.stderr).toContain("DATABASE_URL");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("fault 6: PostgreSQL dropped in the middle of `plan import`: exit 1 with a message, nothing half-written", async () => {
    const env = { DATABASE_URL: schema.url };
    const units = await vhcv(env, "units", "import", `${FIXTURES}/don-vi-song-xanh.yaml`);
    expect(units.code).toBe(0);

    // The connection goes the moment the import sends its first statement about tasks.
    const cut = proxy.cutWhenSent('"Task"');
    const running = vhcv(
      env,
      "plan",
      "import",
      `${FIXTURES}/ke-hoach-song-xanh-2026.txt`,
      "--create-units",
    );
    await cut;
    await proxy.restore();
    const result = await running;
    // Before: exit 0 and nothing on the terminal.
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("cơ sở dữ liệu không trả lời");
    expect(result.stdout).not.toContain("Nhiệm vụ — thêm");

    const client = new pg.Client({
      connectionString: postgresConnection(schema.url).connectionString,
    });
    await client.connect();
    try {
      const plans = await client.query(`SELECT count(*)::int AS n FROM ${schema.schema}."Plan"`);
      const tasks = await client.query(`SELECT count(*)::int AS n FROM ${schema.schema}."Task"`);
      expect([plans.rows[0]?.n, tasks.rows[0]?.n]).toEqual([0, 0]);
    } finally {
      await client.end();
    }
  }, 240_000);
});
