import { describe, expect, it } from "vitest";
import { readStartFlags } from "../../src/start-flags.js";

describe("npm start -- <flags>", () => {
  it("--help prints how to start, in Vietnamese, and exits 0", () => {
    for (const flag of ["--help", "-h"]) {
      const result = readStartFlags([flag]);
      expect(result).toMatchObject({ exit: 0 });
      const text = "text" in result ? result.text : "";
      expect(text).toContain("Cách dùng: npm start -- [tùy chọn]");
      expect(text).toContain("--as <người>");
      expect(text).toContain("--no-demo");
    }
  });

  it("an unknown flag is one sentence naming it, exit 2, never a stack trace", () => {
    const result = readStartFlags(["--bogus"]);
    expect(result).toEqual({
      exit: 2,
      text: "npm start không có tùy chọn --bogus. Xem các tùy chọn: npm start -- --help",
    });
    expect(readStartFlags(["--as"])).toMatchObject({
      exit: 2,
      text: expect.stringContaining("--as"),
    });
    expect(readStartFlags(["stp"])).toMatchObject({
      exit: 2,
      text: expect.stringContaining("“stp”"),
    });
  });

  it("reads --as and --no-demo", () => {
    expect(readStartFlags(["--as", "stp", "--no-demo"])).toEqual({
      flags: { as: "stp", noDemo: true },
    });
    expect(readStartFlags([])).toEqual({ flags: { as: "admin", noDemo: false } });
  });
});
