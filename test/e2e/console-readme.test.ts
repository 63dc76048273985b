import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot, runTsx } from "../helpers/process.js";

/** The README's example session: the `printf '…' | npm start -- --as …` line under "Try it". */
async function readmeSession(): Promise<{ input: string; as: string }> {
  const readme = await readFile(join(projectRoot, "README.md"), "utf8");
  const tryIt = readme.slice(readme.indexOf("## Try it"), readme.indexOf("## Configuration"));
  const line = /\$ printf '([^']*)' \| npm start -- --as (\S+)/.exec(tryIt);
  if (!line?.[1] || !line[2]) throw new Error("README's “Try it” shows no example session");
  // printf's escapes as the shell would read them: \n is a new line, %% a per cent sign.
  return { input: line[1].replaceAll("\\n", "\n").replaceAll("%%", "%"), as: line[2] };
}

describe("the README's example session, as a newcomer runs it", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "vhcv-readme-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("newcomer: the README's session, piped, prints the replies it promises and nothing else", async () => {
    const { input, as } = await readmeSession();
    expect(input.split("\n").filter(Boolean)).toHaveLength(3);
    const result = await runTsx("src/main.ts", ["--as", as], {
      input,
      env: { DATA_DIR: dataDir },
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(0);
    const out = result.stdout;
    // /nhiemvu: the tasks of Sở Tư pháp still open, grouped by standing.
    expect(out).toMatch(/^Nhiệm vụ của Sở Tư pháp: \d+ lượt chưa hoàn thành/);
    expect(out).toMatch(/⚠️ Quá hạn \(\d+\):\n• STP-3A — /);
    // /baocao STP-3A đang làm 70%: acknowledged with what was recorded.
    expect(out).toContain("✅ Đã ghi nhận báo cáo nhiệm vụ STP-3A");
    expect(out).toContain("Tiến độ: 70%");
    // A question without diacritics: the dress rule, quoted, with its source.
    expect(out).toContain("đi giày hoặc dép có quai hậu");
    expect(out).toContain("Nguồn: Quyết định 1847/QĐ-TTg");
    // Piped: replies only — no greeting, no prompt, no progress, no log line on either stream.
    expect(out).not.toContain("Xin chào");
    expect(out).not.toMatch(/^> /m);
    expect(out).not.toContain("Đang nạp dữ liệu mẫu");
    expect(out).not.toContain('"level"');
    expect(result.stderr).not.toContain('"level":30');
  }, 180_000);

  it("newcomer: LOG_LEVEL still brings the log lines back, on stderr only", async () => {
    const result = await runTsx("src/main.ts", ["--as", "stp"], {
      input: "/toi\n",
      env: { DATA_DIR: dataDir, LOG_LEVEL: "info" },
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('"msg":"bot started"');
    expect(result.stdout).not.toContain('"level"');
    expect(result.stdout).toContain("Tên: Thủ trưởng Sở Tư pháp");
  }, 180_000);
});
