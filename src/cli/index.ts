import { createCliContext, type CliContext } from "./context.js";
import { createProgram, runCli } from "./program.js";

let context: CliContext | undefined;
const program = createProgram(() => (context ??= createCliContext()));
try {
  process.exitCode = await runCli(program, process.argv.slice(2), {
    debug: /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? ""),
  });
} finally {
  await context?.close();
}
