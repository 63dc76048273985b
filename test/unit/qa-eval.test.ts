import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  parseEvalSet,
  share,
  withoutDiacritics,
  type EvalReport,
} from "../../src/domain/qa/evaluate.js";
import { createQaEngine, loadKnowledgeBase } from "../../src/domain/qa/index.js";

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");
const engine = createQaEngine(loadKnowledgeBase(read("../../data/rules/rules.yaml")));
const ask = (q: string) => engine.ask(q);

function failures(report: EvalReport): string {
  return report.failures
    .map(({ case: c, answer }) => `${JSON.stringify(c.q)}: want ${c.topic}, got ${answer.topic}`)
    .join("\n");
}

describe("evaluation set test/fixtures/qa-eval.jsonl", () => {
  const cases = parseEvalSet(read("../fixtures/qa-eval.jsonl"));
  const report = evaluate(cases, ask);

  it("is large and varied enough to mean something", () => {
    const inScope = cases.filter((c) => c.topic !== null);
    expect(cases.length).toBeGreaterThanOrEqual(140);
    expect(inScope.filter((c) => withoutDiacritics(c.q)).length).toBeGreaterThanOrEqual(45);
    expect(cases.filter((c) => c.topic === null).length).toBeGreaterThanOrEqual(25);
    for (const topic of ["attitude", "communication", "ethics", "dress"]) {
      expect(inScope.filter((c) => c.topic === topic).length).toBeGreaterThanOrEqual(20);
    }
  });

  it("finds the right topic for at least 95 % of in-scope questions", () => {
    expect(
      share(report.inScope.rightTopic, report.inScope.total),
      failures(report),
    ).toBeGreaterThanOrEqual(0.95);
  });

  it("finds the right topic for at least 90 % of questions typed without diacritics", () => {
    expect(
      share(report.noDiacritics.rightTopic, report.noDiacritics.total),
      failures(report),
    ).toBeGreaterThanOrEqual(0.9);
  });

  it("declines at least 90 % of off-topic questions", () => {
    expect(
      share(report.offTopic.declined, report.offTopic.total),
      failures(report),
    ).toBeGreaterThanOrEqual(0.9);
  });

  it("quotes the expected rule for at least 90 % of questions that name one", () => {
    expect(share(report.rules.exact, report.rules.total)).toBeGreaterThanOrEqual(0.9);
  });
});

// Two smaller sets written after the engine was tuned on the set above, to check that its figures
// are not an artefact of tuning. "holdout" was looked at while tuning (first figures: 95.5 % in
// scope, 81 % off-topic declined) and prompted one general change (civil-procedure subjects added
// to outOfScope); "holdout2" was written last and never used to change anything. Their bars are
// lower: they are small, and they are the honest estimate for questions nobody has seen.
describe.each([
  { file: "qa-eval.holdout.jsonl", inScope: 0.9, offTopic: 0.85 },
  { file: "qa-eval.holdout2.jsonl", inScope: 0.85, offTopic: 0.85 },
])("held-out set test/fixtures/$file", ({ file, inScope, offTopic }) => {
  const report = evaluate(parseEvalSet(read(`../fixtures/${file}`)), ask);

  it(`finds the right topic for at least ${inScope * 100} % of in-scope questions`, () => {
    expect(
      share(report.inScope.rightTopic, report.inScope.total),
      failures(report),
    ).toBeGreaterThanOrEqual(inScope);
  });

  it(`declines at least ${offTopic * 100} % of off-topic questions`, () => {
    expect(
      share(report.offTopic.declined, report.offTopic.total),
      failures(report),
    ).toBeGreaterThanOrEqual(offTopic);
  });
});
