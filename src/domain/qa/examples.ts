import { z } from "zod";
import { TOPICS } from "./topics.js";

const NOT_A_QUESTION = ["report", "date", "command", "greeting", "thanks"] as const;

/**
 * One labelled message (data/rules/examples/*.jsonl, and the held-out sets): what the Q&A learns
 * topics and rules from, and what the benchmark measures it on.
 */
export const labelledQuestionSchema = z.strictObject({
  q: z.string().min(1),
  topic: z.enum(TOPICS).nullable(),
  rule: z.string().optional(),
  /** Key phrases of the right rule: a right answer contains each of them. */
  phrases: z.array(z.string().min(1)).optional(),
  /** What a `topic: null` line is; `overview` asks for the structure of all four contents. */
  kind: z.enum(["offtopic", "overview", ...NOT_A_QUESTION]).optional(),
});
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

export class ExamplesError extends Error {
  override name = "ExamplesError";
}

/** Reads one JSON object per line; throws naming the file and the line. */
export function parseLabelledQuestions(jsonl: string, file = "examples"): LabelledQuestion[] {
  return jsonl
    .split("\n")
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line !== "")
    .map(({ line, number }) => {
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch {
        throw new ExamplesError(`${file} line ${number}: not JSON`);
      }
      const parsed = labelledQuestionSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ExamplesError(
          `${file} line ${number}: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim(),
        );
      }
      return parsed.data;
    });
}
