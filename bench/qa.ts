/**
 * Rules Q&A: our engine against a plain MiniSearch (default settings) on the evaluation sets.
 * Run: npx tsx bench/qa.ts   (QA_BENCH_REPEATS=n to change how often each set is asked)
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import MiniSearch from "minisearch";
import {
  evaluate,
  parseEvalSet,
  share,
  type EvalAnswer,
  type EvalCase,
} from "../src/domain/qa/evaluate.js";
import { createQaEngine, loadKnowledgeBase, type KnowledgeBase } from "../src/domain/qa/index.js";
import { machineLine, ms, percentile } from "./machine.js";

const REPEATS = Number(process.env.QA_BENCH_REPEATS ?? 20);
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");

const SETS = [
  { name: "qa-eval (tuned on)", file: "../test/fixtures/qa-eval.jsonl" },
  { name: "holdout (seen while tuning)", file: "../test/fixtures/qa-eval.holdout.jsonl" },
  { name: "holdout2 (unseen)", file: "../test/fixtures/qa-eval.holdout2.jsonl" },
];

type Ask = (question: string) => EvalAnswer;

/** What anyone would try first: default tokenizer, no folding, "declined" only when nothing matches. */
function plainMiniSearch(kb: KnowledgeBase): Ask {
  const search = new MiniSearch<{
    id: string;
    title: string;
    text: string;
    questions: string;
    topic: string;
  }>({
    fields: ["title", "text", "questions"],
    storeFields: ["topic"],
  });
  search.addAll(kb.rules.map((rule) => ({ ...rule, questions: rule.questions.join("\n") })));
  const byId = new Map(kb.rules.map((rule) => [rule.id, rule]));
  return (question) => {
    const top = search.search(question)[0];
    const rule = top === undefined ? undefined : byId.get(top.id as string);
    return {
      topic: rule?.topic ?? null,
      ruleId: rule?.id ?? null,
      ambiguous: false,
      alternatives: [],
    };
  };
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function timeBuild(build: () => unknown, times = 7): number {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    build();
    durations.push(performance.now() - start);
  }
  return median(durations);
}

/** Per-question latency over `REPEATS` passes of the set, after one warm-up pass. */
function latencies(ask: Ask, cases: readonly EvalCase[]): number[] {
  for (const evalCase of cases) ask(evalCase.q);
  const out: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const evalCase of cases) {
      const start = performance.now();
      ask(evalCase.q);
      out.push(performance.now() - start);
    }
  }
  return out.sort((a, b) => a - b);
}

const pct = (part: number, total: number): string =>
  `${(100 * share(part, total)).toFixed(1)} % (${part}/${total})`;

export async function runQaBench(): Promise<string> {
  const rulesText = read("../data/rules/rules.yaml");
  const parseMs = timeBuild(() => loadKnowledgeBase(rulesText));
  const kb = loadKnowledgeBase(rulesText);
  const engines: { name: string; build: () => Ask }[] = [
    { name: "vhcv engine", build: () => createQaEngine(kb).ask },
    { name: "plain MiniSearch", build: () => plainMiniSearch(kb) },
  ];

  const lines = [
    "## Rules Q&A",
    "",
    machineLine(),
    `knowledge base: ${kb.rules.length} rules; parse + validate ${ms(parseMs)} (median of 7)`,
    ...engines.map(
      (engine) => `index build, ${engine.name}: ${ms(timeBuild(engine.build))} (median of 7)`,
    ),
    `latency: each set asked ${REPEATS} times after a warm-up pass`,
    "",
    "| engine | set | right topic, in scope | right topic, no diacritics | off-topic declined | expected rule quoted | ambiguous | p50 | p99 |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const set of SETS) {
    const cases = parseEvalSet(read(set.file));
    for (const engine of engines) {
      const ask = engine.build();
      const report = evaluate(cases, ask);
      const times = latencies(ask, cases);
      lines.push(
        `| ${engine.name} | ${set.name} | ${pct(report.inScope.rightTopic, report.inScope.total)} | ` +
          `${pct(report.noDiacritics.rightTopic, report.noDiacritics.total)} | ` +
          `${pct(report.offTopic.declined, report.offTopic.total)} | ${pct(report.rules.exact, report.rules.total)} | ` +
          `${pct(report.ambiguous, report.inScope.total)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 99))} |`,
      );
    }
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await runQaBench());
}
