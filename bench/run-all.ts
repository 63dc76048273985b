/**
 * Every benchmark in one run; writes bench/results.md (quoted in the README).
 * Run: npm run bench   (PostgreSQL rows when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { runAdapterBench } from "./db-adapter.js";
import { runDigestBench } from "./digest.js";
import { runFanoutBench } from "./fanout.js";
import { runFootprintBench } from "./footprint.js";
import { machineLine } from "./machine.js";
import { runQaBench } from "./qa.js";
import { runUpdatesBench } from "./updates.js";

const sections: [string, () => Promise<string>][] = [
  ["qa", () => runQaBench()],
  ["updates", () => runUpdatesBench()],
  // The "repeated chats" variant adds 11 minutes and says the same: run bench/fanout.ts for it.
  ["fanout", () => runFanoutBench({ variants: ["distinct"] })],
  ["digest", () => runDigestBench()],
  ["db-adapter", () => runAdapterBench()],
  // Last: "after the runs above" in the same machine state.
  ["footprint", () => runFootprintBench()],
];

const only = process.argv.slice(2);
const parts = [
  "# Benchmark results",
  "",
  `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${machineLine()}.`,
  "",
];
for (const [name, run] of sections) {
  if (only.length > 0 && !only.includes(name)) continue;
  const start = performance.now();
  process.stderr.write(`bench ${name}…\n`);
  parts.push(
    await run(),
    "",
    `_(${name}: ${((performance.now() - start) / 1000).toFixed(0)} s)_`,
    "",
  );
}
const out = fileURLToPath(new URL("results.md", import.meta.url));
await writeFile(out, `${parts.join("\n")}\n`);
console.log(parts.join("\n"));
