import { describe, expect, it } from "vitest";
import {
  BUTTON_DATA_MAX_BYTES,
  decodeButtonData,
  encodeButtonData,
  type ButtonAction,
} from "../../../src/core/button-data.js";

describe("button data codec", () => {
  it.each<[ButtonAction, string]>([
    [{ kind: "report", occurrenceId: 42, choice: "done" }, "rp:42:d"],
    [{ kind: "report", occurrenceId: 7, choice: "extension" }, "rp:7:e"],
    [{ kind: "qa", ruleId: "trang-phuc.1" }, "qa:trang-phuc.1"],
    [{ kind: "planImport", confirm: true }, "pi:ok"],
    [{ kind: "planImport", confirm: false }, "pi:no"],
  ])("writes %j as %s and reads it back", (action, data) => {
    expect(encodeButtonData(action)).toBe(data);
    expect(decodeButtonData(data)).toEqual(action);
  });

  it("keeps the largest reminder button within the platforms' 64 bytes", () => {
    const data = encodeButtonData({
      kind: "report",
      occurrenceId: 2_147_483_647,
      choice: "blocked",
    });
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(BUTTON_DATA_MAX_BYTES);
  });

  it.each([
    ["an id no row can have", "rp:999999999999:d"],
    ["id zero", "rp:0:d"],
    ["an unknown choice", "rp:12:z"],
    ["another prefix", "xx:12:d"],
    ["a rule id with spaces", "qa:a b"],
    ["nothing", ""],
  ])("reads %s as no action", (_label, data) => {
    expect(decodeButtonData(data)).toBeUndefined();
  });
});
