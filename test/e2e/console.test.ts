import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockFolder } from "../../src/db/embedded-lock.js";
import { postgresSchemaUrl } from "../helpers/db.js";
import { runTsx } from "../helpers/process.js";

describe("console channel, as a newcomer runs it", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-console-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("answers /start and /help on the embedded database and exits 0 at end of input", async () => {
    const result = await runTsx("src/main.ts", ["--no-demo"], {
      input: "/start\n/help\n",
      env: { DATA_DIR: dataDir },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Xin chào admin!");
    expect(result.stdout).toContain("Các lệnh bạn dùng được:");
    expect(result.stdout).toContain("/trogiup (/help)");
    // The data survives: a second run finds the same embedded database.
    const again = await runTsx("src/main.ts", ["--no-demo"], {
      input: "/toi\n",
      env: { DATA_DIR: dataDir },
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Vai trò: quản trị");
  });

  it("refuses a bad variable with one clear message and exit code 2, starting nothing", async () => {
    const result = await runTsx("src/main.ts", [], {
      input: "/start\n",
      env: { PORT: "abc", DATA_DIR: dataDir },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Cấu hình không hợp lệ");
    expect(result.stderr).toContain("PORT phải là số nguyên từ 1 đến 65535");
    expect(result.stdout).toBe("");
  });

  it("tells the admin what to do when the embedded database is held by a running bot", async () => {
    const folder = join(dataDir, "busy");
    const release = await lockFolder(join(folder, "pglite"));
    try {
      const result = await runTsx("src/main.ts", [], {
        input: "/start\n",
        env: { DATA_DIR: folder },
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain("đang được một tiến trình khác dùng");
      expect(result.stderr).toContain("DATABASE_URL");
    } finally {
      await release();
    }
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))(
    "runs the same on PostgreSQL with DATABASE_URL",
    async () => {
      const target = postgresSchemaUrl(process.env.TEST_DATABASE_URL ?? "");
      try {
        const result = await runTsx("src/main.ts", ["--no-demo"], {
          input: "/start\n/help\n",
          env: { DATABASE_URL: target.url, DATA_DIR: dataDir, LOG_LEVEL: "info" },
        });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain("Xin chào admin!");
        expect(result.stderr).toContain('"database":"postgres"');
      } finally {
        await target.drop();
      }
    },
  );
});
