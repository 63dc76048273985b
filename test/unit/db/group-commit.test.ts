import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../../src/db/group-commit.js";

describe("group commit", () => {
  it("writes asked for while a batch is in the database go together in the next one", async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const firstBatchHeld = new Promise<void>((resolve) => (release = resolve));
    const write = createGroupCommit(async (items: readonly number[]) => {
      batches.push([...items]);
      if (batches.length === 1) await firstBatchHeld;
      return items.map((n) => n * 10);
    });
    const first = write(1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [write(2), write(3), write(4)];
    release();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("an item the writer refuses fails alone", async () => {
    const write = createGroupCommit(async (items: readonly string[]) =>
      items.map((item) => (item === "bad" ? new Error(`refused ${item}`) : item.toUpperCase())),
    );
    const results = await Promise.allSettled([write("a"), write("bad"), write("c")]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason)))).toEqual([
      "A",
      "Error: refused bad",
      "C",
    ]);
  });
});
