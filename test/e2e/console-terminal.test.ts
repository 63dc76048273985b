import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot, waitFor } from "../helpers/process.js";

/** util-linux `script` gives the bot a pseudo-terminal, as `npm start` in a terminal has. */
const SCRIPT = "/usr/bin/script";

describe("npm start in a terminal", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-terminal-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!existsSync(SCRIPT))(
    "newcomer: progress while the first start works, a greeting naming who you are, a prompt; no log lines",
    async () => {
      const command = `${process.execPath} --import tsx src/main.ts --as stp`;
      const child = spawn(SCRIPT, ["-qfec", command, "/dev/null"], {
        cwd: projectRoot,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: "test",
          TERM: "dumb",
          DATA_DIR: dataDir,
        },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let screen = "";
      child.stdout.on("data", (d: Buffer) => (screen += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (screen += d.toString("utf8")));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      try {
        await waitFor(() => /Ctrl-D\.\r?\n\r?\n> $/.test(screen), 120_000, "the first prompt");
        child.stdin.write("/toi\n");
        await waitFor(() => /Kênh: bàn phím \(console\)\r?\n\r?\n> $/.test(screen), 60_000, "/toi");
        child.stdin.write("\u0004");
        expect(await exited).toBe(0);
      } finally {
        child.kill("SIGKILL");
      }
      const lines = screen.replaceAll("\r", "");
      expect(lines).toContain("Lần chạy đầu: đang tạo cơ sở dữ liệu trong");
      expect(lines).toContain("Đang nạp dữ liệu mẫu");
      expect(lines).toContain("Đã nạp 30 đơn vị");
      expect(lines).toContain(
        "Bạn đang là: Thủ trưởng Sở Tư pháp — thủ trưởng đơn vị, Sở Tư pháp (STP).",
      );
      expect(lines).toContain("/trogiup");
      // The terminal echoes what was typed after the prompt; the answer follows.
      expect(lines).toContain("> /toi\nTên: Thủ trưởng Sở Tư pháp");
      // The greeting comes after the progress, the conversation after the greeting.
      expect(lines.indexOf("Đã nạp")).toBeLessThan(lines.indexOf("Xin chào"));
      expect(lines).not.toContain('"level"');
      expect(lines).not.toMatch(/migration applied|bot started|INFO/);
    },
    240_000,
  );
});
