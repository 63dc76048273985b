import type { Command } from "commander";
import { deadlineErrorMessage } from "../domain/deadline/describe.js";
import { parseDeadline } from "../domain/deadline/parse.js";
import { print } from "./context.js";
import { mapJsonLines } from "./jsonl.js";

export function deadlineLine(text: string) {
  const result = parseDeadline(text);
  return result.ok
    ? { text, deadline: result.deadline, error: null }
    : { text, deadline: null, error: deadlineErrorMessage(result.error) };
}

export function registerDeadline(program: Command): void {
  program
    .command("deadline")
    .description("parse Vietnamese deadline phrases into the normalised form")
    .argument("[phrase...]", "a phrase (or use --jsonl to read one per line on stdin)")
    .option("--jsonl", "read one phrase per line on stdin, write one JSON object per line")
    .action(async (words: string[], options: { jsonl?: boolean }) => {
      if (options.jsonl || words.length === 0) {
        await mapJsonLines((line) => deadlineLine(line.trim()));
        return;
      }
      await print(JSON.stringify(deadlineLine(words.join(" "))));
    });
}
