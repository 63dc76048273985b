import { readFileSync } from "node:fs";
import { qaService, type QaAnswer } from "../../../../src/services/qa.js";
import { describe, expect, it } from "vitest";
import {
  evaluate,
  parseEvalSet,
  share,
  withoutDiacritics,
  type EvalReport,
} from "../../../../src/domain/qa/evaluate.js";
import { buildKnowledgeBase, createQaEngine } from "../../../../src/domain/qa/index.js";
import { ruleFiles } from "./rule-base.js";

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), "utf8");
const files = ruleFiles();

/**
 * These sets are also examples the engine learns from: each is asked of an engine that learned
 * from all the other sets but not from it, so that these figures say something of new questions.
 */
function askWithout(file: string): (q: string) => QaAnswer {
  const examples = (files.examples ?? []).filter((example) => example.name !== file);
  const engine = qaService(createQaEngine(buildKnowledgeBase({ ...files, examples })));
  return (q) => engine.ask(q);
}

function failures(report: EvalReport): string {
  return report.failures
    .map(({ case: c, answer }) => `${JSON.stringify(c.q)}: want ${c.topic}, got ${answer.topic}`)
    .join("\n");
}

describe("evaluation set data/rules/examples/qa-eval.jsonl", () => {
  const cases = parseEvalSet(read("../../../../data/rules/examples/qa-eval.jsonl"));
  const report = evaluate(cases, askWithout("qa-eval.jsonl"));

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

  // When the examples see another topic than the rule's words, the bot asks instead of quoting
  // (on all development sets this took confident wrong answers from 10 to 2), so some right rules
  // come as the first choice of a question.
  it("quotes the expected rule for at least 85 % of questions that name one, and offers it for 95 %", () => {
    expect(share(report.rules.exact, report.rules.total)).toBeGreaterThanOrEqual(0.85);
    expect(share(report.rules.offered, report.rules.total)).toBeGreaterThanOrEqual(0.95);
  });
});

describe("development set of issue 18, data/rules/examples/qa-dev.jsonl", () => {
  const cases = parseEvalSet(read("../../../../data/rules/examples/qa-dev.jsonl"));
  const report = evaluate(cases, askWithout("qa-dev.jsonl"));

  it("has reports, greetings, off-topic chat, overviews and key phrases", () => {
    expect(report.notQuestions.total).toBeGreaterThanOrEqual(20);
    expect(report.offTopic.total).toBeGreaterThanOrEqual(50);
    expect(report.phrases.total).toBeGreaterThanOrEqual(60);
  });

  it("never takes a report, a date, a command word, a greeting or thanks for a question", () => {
    expect(report.notQuestions.recognised, failures(report)).toBe(report.notQuestions.total);
  });

  it("declines at least 90 % of off-topic messages and quotes a wrong rule for at most 4 %", () => {
    expect(
      share(report.offTopic.declined, report.offTopic.total),
      failures(report),
    ).toBeGreaterThan(0.9);
    expect(share(report.confidentWrong, report.cases), failures(report)).toBeLessThanOrEqual(0.04);
  });

  it("finds the right topic for 90 % and the rule's key phrases for 90 % of in-scope questions", () => {
    expect(
      share(report.inScope.rightTopic, report.inScope.total),
      failures(report),
    ).toBeGreaterThanOrEqual(0.9);
    expect(share(report.phrases.found, report.phrases.total)).toBeGreaterThanOrEqual(0.9);
  });
});

// Held out in the first session of issue 18 (written and committed before that work); its figures
// were read and reported, so it is spent: a regression check now. The held-out set in use,
// qa-heldout-4.jsonl, is only measured by bench/qa.ts.
describe("first held-out set data/rules/examples/qa-heldout.jsonl", () => {
  const report = evaluate(
    parseEvalSet(read("../../../../data/rules/examples/qa-heldout.jsonl")),
    askWithout("qa-heldout.jsonl"),
  );

  it("finds the right topic for at least 90 % of in-scope questions, with or without diacritics", () => {
    expect(share(report.inScope.rightTopic, report.inScope.total)).toBeGreaterThanOrEqual(0.9);
    expect(share(report.noDiacritics.rightTopic, report.noDiacritics.total)).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it("declines at least 85 % of off-topic messages and recognises reports and greetings", () => {
    expect(share(report.offTopic.declined, report.offTopic.total)).toBeGreaterThanOrEqual(0.85);
    expect(share(report.notQuestions.recognised, report.notQuestions.total)).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it("quotes a wrong rule for at most 5 % of messages and the key phrases for 85 %", () => {
    expect(share(report.confidentWrong, report.cases)).toBeLessThanOrEqual(0.05);
    expect(share(report.phrases.found, report.phrases.total)).toBeGreaterThanOrEqual(0.85);
  });
});

// Held out in the second round of work on issue 18 and measured twice, so spent from the third
// round on (development data, see data/rules/examples/README.md). These bars sit below its measured
// figures and guard against a regression.
describe("second held-out set data/rules/examples/qa-heldout-2.jsonl", () => {
  const report = evaluate(
    parseEvalSet(read("../../../../data/rules/examples/qa-heldout-2.jsonl")),
    askWithout("qa-heldout-2.jsonl"),
  );

  it("finds the right topic for at least 90 % of in-scope questions, with or without diacritics", () => {
    expect(share(report.inScope.rightTopic, report.inScope.total)).toBeGreaterThanOrEqual(0.9);
    expect(share(report.noDiacritics.rightTopic, report.noDiacritics.total)).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it("declines at least 95 % of off-topic messages and quotes a wrong rule for at most 2 %", () => {
    expect(share(report.offTopic.declined, report.offTopic.total)).toBeGreaterThanOrEqual(0.95);
    expect(share(report.confidentWrong, report.cases)).toBeLessThanOrEqual(0.02);
    expect(share(report.phrases.found, report.phrases.total)).toBeGreaterThanOrEqual(0.85);
  });
});

// Two smaller sets written after the first engine was tuned; both have been read while working
// on later issues, so they are development data now, kept as a regression check.
describe.each([
  { file: "qa-eval.holdout.jsonl", inScope: 0.9, offTopic: 0.85 },
  { file: "qa-eval.holdout2.jsonl", inScope: 0.85, offTopic: 0.85 },
])("earlier set data/rules/examples/$file", ({ file, inScope, offTopic }) => {
  const report = evaluate(
    parseEvalSet(read(`../../../../data/rules/examples/${file}`)),
    askWithout(file),
  );

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
