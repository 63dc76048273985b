import { Command, CommanderError } from "commander";
import { ZodError } from "zod";
import { createCliContext, type CliContext } from "./context.js";
import { registerDeadline } from "./deadline.js";
import { registerLink } from "./link.js";

const program = new Command("vhcv")
  .description("vhcv-bot admin CLI")
  .showHelpAfterError()
  .exitOverride();

let context: CliContext | undefined;
const ctx = () => (context ??= createCliContext());

registerLink(program, ctx);
registerDeadline(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof ZodError) {
    process.stderr.write(
      `${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}\n`,
    );
    process.exitCode = 2;
  } else {
    throw error;
  }
} finally {
  await context?.close();
}
