import type { Command } from "commander";
import type { QaResult } from "../domain/qa/index.js";
import { loadQaEngine } from "../services/qa.js";
import { print } from "./context.js";
import { mapJsonLines } from "./jsonl.js";

/** The contract: {"q", "topic", "score", "answer", "citation"} (topic null = declined). */
export function askLine(result: QaResult) {
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
    .description("answer a question about the rules (as the bot would)")
    .argument("[question...]", "the question")
    .option("--json", "print one JSON object")
    .option("--jsonl", "read one question per line on stdin, write one JSON object per line")
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
