import { Command, CommanderError } from "commander";
import { ZodError } from "zod";
import { createCliContext, type CliContext } from "./context.js";
import { registerAsk } from "./ask.js";
import { registerBackup } from "./backup.js";
import { registerDeadline } from "./deadline.js";
import { registerDigest } from "./digest.js";
import { registerLink } from "./link.js";
import { registerPlan } from "./plan.js";
import { registerRules } from "./rules.js";
import { registerSimulate } from "./simulate.js";
import { registerTick } from "./tick.js";
import { registerUnits } from "./units.js";

const program = new Command("vhcv")
  .description("vhcv-bot admin CLI")
  .showHelpAfterError()
  .exitOverride();

let context: CliContext | undefined;
const ctx = () => (context ??= createCliContext());

registerLink(program, ctx);
registerDeadline(program);
registerAsk(program);
registerPlan(program, ctx);
registerUnits(program, ctx);
registerTick(program, ctx);
registerSimulate(program, ctx);
registerBackup(program, ctx);
registerDigest(program, ctx);
registerRules(program, ctx);

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
