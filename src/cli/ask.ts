import type { Command } from "commander";
import { t } from "../i18n.js";
import { loadQaEngine, type QaAnswer } from "../services/qa.js";
import { print } from "./context.js";
import { mapJsonLines } from "./jsonl.js";

/** The contract: {"q", "topic", "score", "answer", "citation"} (topic null = declined). */
export function askLine(result: QaAnswer) {
  return {
    q: result.q,
    topic: result.topic,
    score: result.score,
    answer: result.answer,
    citation: result.citation,
  };
}

export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description(t("cli.help.ask"))
    .argument("[câu-hỏi...]", t("cli.help.askQuestion"))
    .option("--json", t("cli.help.askJson"))
    .option("--jsonl", t("cli.help.jsonl"))
    .action(async (words: string[], options: { json?: boolean; jsonl?: boolean }) => {
      const engine = await loadQaEngine();
      if (options.jsonl) {
        await mapJsonLines((line) => askLine(engine.ask(line)));
        return;
      }
      const result = engine.ask(words.join(" "));
      await print(options.json ? JSON.stringify(askLine(result)) : result.answer);
    });
}
