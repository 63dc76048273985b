import { t } from "../i18n.js";
import { registerAsk } from "./ask.js";
import { registerBackup } from "./backup.js";
import { CliCommand, vietnameseHelp } from "./command.js";
import type { CliContext } from "./context.js";
import { registerDeadline } from "./deadline.js";
import { registerDigest } from "./digest.js";
import { describeCliFailure } from "./errors.js";
import { registerLink } from "./link.js";
import { registerPlan } from "./plan.js";
import { registerRules } from "./rules.js";
import { registerSimulate } from "./simulate.js";
import { registerTick } from "./tick.js";
import { registerUnits } from "./units.js";

/** Every `vhcv` command, with Vietnamese help and mistakes. */
export function createProgram(ctx: () => CliContext): CliCommand {
  const program = vietnameseHelp(new CliCommand("vhcv"))
    .description(t("cli.help.program"))
    .exitOverride();
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
  return program;
}

/**
 * Run one command line (argv without "node" and the script). A mistake or failure is one
 * Vietnamese sentence on stderr and exit code 1 or 2; the stack trace only when `debug`.
 */
export async function runCli(
  program: CliCommand,
  args: readonly string[],
  options: { debug: boolean },
): Promise<number> {
  // Commands that finish with a message set process.exitCode; read it, then leave it as it was.
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...args], { from: "user" });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    const failure = describeCliFailure(error, options.debug);
    if (failure.text) process.stderr.write(`${failure.text}\n`);
    return failure.exitCode;
  } finally {
    process.exitCode = before;
  }
}
