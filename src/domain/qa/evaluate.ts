import { fold } from "../text/fold.js";
import { parseLabelledQuestions, type LabelledQuestion } from "./examples.js";
import type { Topic } from "./topics.js";
import { hasDiacritics, normaliseText } from "./normalise.js";
import type { QaKind } from "./types.js";

export type EvalCase = LabelledQuestion;

/** Reads an evaluation set: one JSON object per line; throws naming the line. */
export const parseEvalSet = (jsonl: string, file = "eval"): EvalCase[] =>
  parseLabelledQuestions(jsonl, file);

/** A question typed with no diacritic at all. */
export const withoutDiacritics = (question: string): boolean =>
  !normaliseText(question).split(" ").some(hasDiacritics);

export interface EvalAnswer {
  kind: QaKind;
  topic: Topic | null;
  ruleId: string | null;
  ambiguous: boolean;
  alternatives: { ruleId: string }[];
  answer: string;
}

export interface EvalOutcome {
  case: EvalCase;
  answer: EvalAnswer;
  /** Right topic for an in-scope question, declined for an off-topic one, the right kind else. */
  right: boolean;
  /** A rule (or an overview) quoted for the wrong topic or for a message that is no rules question. */
  confidentWrong: boolean;
}

export interface EvalReport {
  cases: number;
  inScope: { total: number; rightTopic: number };
  noDiacritics: { total: number; rightTopic: number };
  offTopic: { total: number; declined: number };
  /** Reports, dates, commands, greetings, thanks: recognised as such (never a rule). */
  notQuestions: { total: number; recognised: number };
  /** Questions about the structure of all four contents answered with the overview. */
  overviews: { total: number; right: number };
  /** Cases with key phrases whose answer contains all of them. */
  phrases: { total: number; found: number };
  /** In-scope questions with an expected rule: that rule answered, or offered as a choice. */
  rules: { total: number; exact: number; offered: number };
  /** In-scope questions answered with "which one did you mean?". */
  ambiguous: number;
  confidentWrong: number;
  failures: EvalOutcome[];
}

export const share = (part: number, total: number): number => (total === 0 ? 1 : part / total);

const comparable = (text: string): string => ` ${fold(normaliseText(text))} `;
const QUOTES: readonly QaKind[] = ["answer", "overview"];

export function evaluate(cases: readonly EvalCase[], ask: (q: string) => EvalAnswer): EvalReport {
  const report: EvalReport = {
    cases: cases.length,
    inScope: { total: 0, rightTopic: 0 },
    noDiacritics: { total: 0, rightTopic: 0 },
    offTopic: { total: 0, declined: 0 },
    notQuestions: { total: 0, recognised: 0 },
    overviews: { total: 0, right: 0 },
    phrases: { total: 0, found: 0 },
    rules: { total: 0, exact: 0, offered: 0 },
    ambiguous: 0,
    confidentWrong: 0,
    failures: [],
  };
  for (const evalCase of cases) {
    const answer = ask(evalCase.q);
    const quotes = QUOTES.includes(answer.kind);
    let right: boolean;
    let confidentWrong = false;
    if (evalCase.phrases !== undefined && evalCase.phrases.length > 0) {
      report.phrases.total++;
      const text = comparable(answer.answer);
      if (evalCase.phrases.every((phrase) => text.includes(comparable(phrase)))) {
        report.phrases.found++;
      }
    }
    if (evalCase.topic !== null) {
      right = answer.topic === evalCase.topic;
      confidentWrong = quotes && !right;
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
    } else if (evalCase.kind === "overview") {
      right = answer.kind === "overview" && answer.topic === null;
      confidentWrong = quotes && !right;
      report.overviews.total++;
      if (right) report.overviews.right++;
    } else if (evalCase.kind === undefined || evalCase.kind === "offtopic") {
      right = !quotes && !answer.ambiguous;
      confidentWrong = quotes;
      report.offTopic.total++;
      if (right) report.offTopic.declined++;
    } else {
      const reportLike = (kind: string) => kind === "report" || kind === "date";
      right =
        answer.kind === evalCase.kind || (reportLike(evalCase.kind) && reportLike(answer.kind));
      confidentWrong = quotes;
      report.notQuestions.total++;
      if (right) report.notQuestions.recognised++;
    }
    if (confidentWrong) report.confidentWrong++;
    if (!right || confidentWrong)
      report.failures.push({ case: evalCase, answer, right, confidentWrong });
  }
  return report;
}
