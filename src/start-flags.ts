import { parseArgs } from "node:util";
import { t } from "./i18n.js";

export interface StartFlags {
  as: string;
  noDemo: boolean;
}

/**
 * The flags of `npm start -- …`: what to run, the help text to print (exit 0), or one Vietnamese
 * sentence naming the flag that is wrong (exit 2). Never throws.
 */
export function readStartFlags(
  args: readonly string[],
): { flags: StartFlags } | { exit: 0 | 2; text: string } {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        as: { type: "string", default: "admin" },
        "no-demo": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: false,
      strict: true,
    });
    if (values.help) return { exit: 0, text: t("cli.start.help") };
    return { flags: { as: values.as ?? "admin", noDemo: values["no-demo"] ?? false } };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    const flag = /'([^']+)'/.exec(message)?.[1] ?? args.join(" ");
    const code = (error as { code?: string }).code;
    const key =
      code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE"
        ? "cli.start.missingValue"
        : code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"
          ? "cli.start.positional"
          : "cli.start.unknownFlag";
    return { exit: 2, text: t(key, { flag: flag.split(" ")[0] ?? flag }) };
  }
}
