import { z } from "zod";
import { TOPICS, type Topic } from "./knowledge-base.js";
import { hasDiacritics, normaliseText } from "./normalise.js";

const evalCaseSchema = z.strictObject({
  q: z.string().min(1),
  topic: z.enum(TOPICS).nullable(),
  rule: z.string().optional(),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

/** Reads the evaluation set: one JSON object per line ({"q", "topic" or null, optional "rule"}). */
export function parseEvalSet(jsonl: string): EvalCase[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, number }) => {
      const parsed = evalCaseSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(`eval line ${number}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** A question typed with no diacritic at all. */
export const withoutDiacritics = (question: string): boolean =>
  !normaliseText(question).split(" ").some(hasDiacritics);

export interface EvalAnswer {
  topic: Topic | null;
  ruleId: string | null;
  ambiguous: boolean;
  alternatives: { ruleId: string }[];
}

export interface EvalOutcome {
  case: EvalCase;
  answer: EvalAnswer;
  /** Right topic for an in-scope question, declined for an off-topic one. */
  right: boolean;
}

export interface EvalReport {
  inScope: { total: number; rightTopic: number };
  noDiacritics: { total: number; rightTopic: number };
  offTopic: { total: number; declined: number };
  /** In-scope questions with an expected rule: that rule answered, or offered as a choice. */
  rules: { total: number; exact: number; offered: number };
  /** In-scope questions answered with "which one did you mean?". */
  ambiguous: number;
  /** Off-topic questions answered with a rule, and in-scope ones declined or on the wrong topic. */
  failures: EvalOutcome[];
}

export const share = (part: number, total: number): number => (total === 0 ? 1 : part / total);

export function evaluate(cases: readonly EvalCase[], ask: (q: string) => EvalAnswer): EvalReport {
  const report: EvalReport = {
    inScope: { total: 0, rightTopic: 0 },
    noDiacritics: { total: 0, rightTopic: 0 },
    offTopic: { total: 0, declined: 0 },
    rules: { total: 0, exact: 0, offered: 0 },
    ambiguous: 0,
    failures: [],
  };
  for (const evalCase of cases) {
    const answer = ask(evalCase.q);
    const right = answer.topic === evalCase.topic;
    if (!right) report.failures.push({ case: evalCase, answer, right });
    if (evalCase.topic === null) {
      report.offTopic.total++;
      if (right) report.offTopic.declined++;
      continue;
    }
    report.inScope.total++;
    if (right) report.inScope.rightTopic++;
    if (answer.ambiguous) report.ambiguous++;
    if (withoutDiacritics(evalCase.q)) {
      report.noDiacritics.total++;
      if (right) report.noDiacritics.rightTopic++;
    }
    if (evalCase.rule !== undefined) {
      report.rules.total++;
      if (answer.ruleId === evalCase.rule) report.rules.exact++;
      if (
        answer.ruleId === evalCase.rule ||
        (answer.ambiguous && answer.alternatives.some((a) => a.ruleId === evalCase.rule))
      ) {
        report.rules.offered++;
      }
    }
  }
  return report;
}
