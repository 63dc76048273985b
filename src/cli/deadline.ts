import type { Command } from "commander";
import { t } from "../i18n.js";
import { deadlineErrorMessage } from "../domain/deadline/describe.js";
import type { Deadline, UndatedReason } from "../domain/deadline/types.js";
import { readDeadline } from "../domain/plan/task-deadline.js";
import { render } from "../i18n.js";
import { print } from "./context.js";
import { mapJsonLines } from "./jsonl.js";

export type DeadlineLine =
  | { text: string; deadline: Deadline; error: null }
  | { text: string; deadline: null; error: null; undated: UndatedReason }
  | { text: string; deadline: null; error: string };

/**
 * One line of `vhcv deadline --jsonl`: the normalised deadline; or `deadline: null` with
 * `undated` for a phrase that names no calendar date ("Theo kế hoạch riêng"); or `deadline:
 * null` with the error message when the phrase is not understood (never a guess).
 */
export function deadlineLine(text: string): DeadlineLine {
  const result = readDeadline(text);
  if (!result.ok)
    return { text, deadline: null, error: render(deadlineErrorMessage(result.error)) };
  if (result.deadline === null)
    return { text, deadline: null, error: null, undated: result.undated };
  return { text, deadline: result.deadline, error: null };
}

export function registerDeadline(program: Command): void {
  program
    .command("deadline")
    .description(t("cli.help.deadline"))
    .argument("[cụm-từ...]", t("cli.help.deadlinePhrase"))
    .option("--jsonl", t("cli.help.jsonl"))
    .action(async (words: string[], options: { jsonl?: boolean }) => {
      if (options.jsonl || words.length === 0) {
        await mapJsonLines((line) => deadlineLine(line.trim()));
        return;
      }
      await print(JSON.stringify(deadlineLine(words.join(" "))));
    });
}
