import { createInterface } from "node:readline";
import { print } from "./context.js";

/** Read stdin line by line, write one JSON object per line; blank lines are skipped. */
export async function mapJsonLines(transform: (line: string) => unknown): Promise<void> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    await print(JSON.stringify(transform(line)));
  }
}
