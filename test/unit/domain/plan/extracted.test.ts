import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fold } from "../../../../src/domain/text/fold.js";
import { parsePlanText } from "../../../../src/domain/plan/text-parser.js";

// Plans written for the reader, with hand extractions (test/fixtures/plans/extracted/README.md).
const DIR = new URL("../../../fixtures/plans/extracted/", import.meta.url);

interface Expected {
  tasks: {
    ref: string;
    unit: string;
    title: string;
    deadline: unknown;
    alt_deadlines?: unknown[];
  }[];
}

function words(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => f.replace(".expected.json", ""));

describe.each(names)("the plan %s", (name) => {
  const expected = JSON.parse(
    readFileSync(new URL(`${name}.expected.json`, DIR), "utf8"),
  ) as Expected;
  const parsed = parsePlanText(readFileSync(new URL(`${name}.txt`, DIR), "utf8"), `${name}.txt`);

  it("yields exactly the hand-extracted tasks", () => {
    expect(parsed.tasks).toHaveLength(expected.tasks.length);
  });

  it.each(expected.tasks.map((t) => [t.ref, t] as const))(
    "finds %s with its unit and deadline",
    (_ref, task) => {
      const key = words(task.title).slice(0, 12);
      const found = parsed.tasks.find((p) => {
        const have = new Set(words(`${p.title} ${p.body}`));
        return key.filter((w) => have.has(w)).length / key.length >= 0.6;
      });
      expect(found, task.title).toBeDefined();
      expect([task.deadline, ...(task.alt_deadlines ?? [])]).toContainEqual(
        found?.deadline ?? null,
      );
      expect(fold(found?.unit ?? "")).toBe(fold(task.unit));
    },
  );
});
