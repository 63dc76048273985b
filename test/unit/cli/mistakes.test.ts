import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCliInstant } from "../../../src/cli/args.js";
import { describeCliFailure } from "../../../src/cli/errors.js";
import { commandPaths, vhcvInProcess } from "../../helpers/cli.js";

/** Letters only Vietnamese uses: the sentence is in Vietnamese, not commander's English. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe("vhcv: every mistake is one Vietnamese sentence naming what was wrong", () => {
  const dir = mkdtempSync(join(tmpdir(), "vhcv-cli-mistakes-"));
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: { args: () => string[]; code: 1 | 2; names: () => string }[] = [
    // Files that are not there, or are folders: exit 1, the path named.
    {
      args: () => ["plan", "parse", "/nonexistent/ke-hoach.txt"],
      code: 1,
      names: () => "/nonexistent/ke-hoach.txt",
    },
    { args: () => ["plan", "import", dir], code: 1, names: () => dir },
    {
      args: () => ["units", "import", join(dir, "don-vi.yaml")],
      code: 1,
      names: () => join(dir, "don-vi.yaml"),
    },
    {
      args: () => ["rules", "import", join(dir, "quy-tac.docx")],
      code: 1,
      names: () => join(dir, "quy-tac.docx"),
    },
    {
      args: () => ["restore", "--from", join(dir, "sao-luu.tar.gz")],
      code: 1,
      names: () => join(dir, "sao-luu.tar.gz"),
    },
    // Mistyped commands and flags: exit 2, the flag named.
    { args: () => ["link", "create", "--bogus"], code: 2, names: () => "--bogus" },
    { args: () => ["link", "create", "--uint", "STP"], code: 2, names: () => "--unit" },
    { args: () => ["link", "create", "--role", "boss"], code: 2, names: () => "--role" },
    {
      args: () => ["link", "create", "--ttl", "0", "--unit", "STP"],
      code: 2,
      names: () => "--ttl",
    },
    { args: () => ["tick", "--at", "yesterday"], code: 2, names: () => "--at" },
    { args: () => ["digest", "--at", "2024-13-01"], code: 2, names: () => "--at" },
    {
      args: () => ["simulate", "--plan", "X", "--from", "2024-02-30", "--to", "2024-03-31"],
      code: 2,
      names: () => "--from",
    },
    {
      args: () => ["simulate", "--plan", "X", "--from", "2024-06-01", "--to", "2024-01-01"],
      code: 2,
      names: () => "--from",
    },
    {
      args: () => ["simulate", "--plan", "X", "--to", "2024-01-01"],
      code: 2,
      names: () => "--from",
    },
    { args: () => ["plan", "parse"], code: 2, names: () => "<tệp>" },
    { args: () => ["plan", "list", "thừa"], code: 2, names: () => "thừa" },
    { args: () => ["frobnicate"], code: 2, names: () => "frobnicate" },
  ];

  for (const c of cases) {
    it(`vhcv ${c.args().join(" ").replaceAll(dir, "<thư mục tạm>")} → exit ${c.code}`, async () => {
      const run = await vhcvInProcess(c.args(), { dataDir: dir });
      expect(run.code).toBe(c.code);
      expect(run.stdout).toBe("");
      const text = run.stderr.trim();
      expect(text).toContain(c.names());
      expect(text).toMatch(VIETNAMESE);
      expect(text.split("\n")).toHaveLength(1);
      expect(text).not.toMatch(/error:|Error|\bat .+:\d+:\d+|ENOENT|EISDIR|must be|Too small/);
    });
  }

  it("a head's or deputy's code without --unit is refused before anything is written", async () => {
    for (const role of ["head", "deputy"]) {
      const run = await vhcvInProcess(["link", "create", "--role", role]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("cần đơn vị: thêm --unit <mã đơn vị>");
      expect(run.stderr).toContain(`vhcv link create --role ${role} --unit STP`);
    }
    const leader = await vhcvInProcess(["link", "create", "--role", "leader", "--unit", "STP"]);
    expect(leader.code).toBe(2);
    expect(leader.stderr).toContain("Vai trò lãnh đạo theo dõi mọi đơn vị");
  });

  it("an unexpected failure is one sentence; the stack trace only with LOG_LEVEL=debug", () => {
    const error = new Error("boom\nsecond line");
    const quiet = describeCliFailure(error, false);
    expect(quiet.exitCode).toBe(1);
    expect(quiet.text).toContain("(boom)");
    expect(quiet.text).toContain("LOG_LEVEL=debug");
    expect(quiet.text).not.toContain("second line");
    expect(quiet.text.split("\n")).toHaveLength(1);
    const debug = describeCliFailure(error, true);
    expect(debug.text).toContain(error.stack?.split("\n")[1] ?? "??");
  });
});

describe("vhcv --help", () => {
  it("works for vhcv and every subcommand, in Vietnamese", async () => {
    const paths = [[], ...commandPaths()];
    expect(paths.map((p) => p.join(" "))).toEqual(
      expect.arrayContaining(["link create", "plan import", "digest", "simulate", "restore"]),
    );
    for (const path of paths) {
      const run = await vhcvInProcess([...path, "--help"]);
      expect(run.code, path.join(" ")).toBe(0);
      expect(run.stdout).toContain(`Cách dùng: vhcv${path.map((p) => ` ${p}`).join("")}`);
      expect(run.stdout).toContain("xem hướng dẫn của lệnh");
      expect(run.stdout).not.toMatch(/Usage:|Options:|display help|\[options\]|default:/);
    }
  });
});

describe("times and days typed for --at, --from, --to", () => {
  it("are Vietnam time unless a zone is given, 08:00 for a bare day", () => {
    expect(parseCliInstant("--at", "2024-06-20").toISOString()).toBe("2024-06-20T01:00:00.000Z");
    expect(parseCliInstant("--at", "2024-06-20T09:30").toISOString()).toBe(
      "2024-06-20T02:30:00.000Z",
    );
    expect(parseCliInstant("--at", "2024-06-20T09:30:00Z").toISOString()).toBe(
      "2024-06-20T09:30:00.000Z",
    );
  });

  it("refuse impossible dates and times, naming the flag", () => {
    for (const value of ["2024-02-30", "2024-06-20T25:00", "20/06/2024", "hôm qua"]) {
      expect(() => parseCliInstant("--at", value)).toThrow(
        expect.objectContaining({ params: expect.objectContaining({ flag: "--at", value }) }),
      );
    }
  });
});
