/**
 * How many deadline phrases come out right: reads a JSON-lines file whose lines are
 * {"text": "...", "deadline": {...} | null, "alt"?: [{...}]} and compares what `vhcv deadline`
 * answers (src/domain/plan/task-deadline.ts readDeadline) with the expected form. A phrase
 * expected `null` (no calendar date) is right when it is read as undated — an error is wrong.
 * A phrase is right when its deadline equals `deadline` or one of `alt`.
 *
 * Run: npx tsx bench/deadline-phrases.ts --file <phrases.jsonl> [--verbose]
 */
import { readFile } from "node:fs/promises";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { readDeadline } from "../src/domain/plan/task-deadline.js";

const lineSchema = z.object({
  text: z.string(),
  deadline: z.unknown().nullable(),
  alt: z.array(z.unknown()).optional(),
});

function usage(): never {
  process.stderr.write(
    "usage: npx tsx bench/deadline-phrases.ts --file <phrases.jsonl> [--verbose]\n",
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--file");
  const file = at >= 0 ? args[at + 1] : undefined;
  if (file === undefined) usage();
  const verbose = args.includes("--verbose");
  const lines = (await readFile(file, "utf8")).split(/\r?\n/).filter((l) => l.trim() !== "");
  let right = 0;
  let total = 0;
  for (const [i, raw] of lines.entries()) {
    const parsed = lineSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      process.stderr.write(`${file}:${i + 1}: not a {"text","deadline"} line, skipped\n`);
      continue;
    }
    const { text, deadline: expected, alt = [] } = parsed.data;
    total += 1;
    const got = readDeadline(text);
    const ok =
      got.ok &&
      (expected === null
        ? got.deadline === null
        : [expected, ...alt].some((e) => isDeepStrictEqual(e, got.deadline)));
    if (ok) right += 1;
    if (verbose || !ok) {
      const answer = got.ok
        ? JSON.stringify(got.deadline ?? { undated: "undated" in got ? got.undated : "" })
        : `error ${got.error}`;
      process.stdout.write(
        `${ok ? "ok  " : "MISS"} ${JSON.stringify(text)} → ${answer}${ok ? "" : ` (expected ${JSON.stringify(expected)})`}\n`,
      );
    }
  }
  process.stdout.write(`${right}/${total} right\n`);
}

await main();
