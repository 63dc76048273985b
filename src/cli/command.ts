import { Command, Help, type Option } from "commander";
import { t, type TranslationKey, type TranslationParams } from "../i18n.js";
import { CliMistake, EXIT_USAGE } from "./errors.js";

/** "vhcv link create": the words that run this command. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

function quoted(message: string, pattern: RegExp): string {
  return pattern.exec(message)?.[1] ?? "";
}

/** Commander's English error message and code → the key and parameters of a Vietnamese one. */
export function usageMistake(
  command: Command,
  message: string,
  code: string | undefined,
): { key: TranslationKey; params: TranslationParams } {
  const path = commandPath(command);
  switch (code) {
    case "commander.unknownOption": {
      const suggestion = quoted(message, /Did you mean (\S+?)\?/);
      return {
        key: suggestion ? "cli.usage.unknownOptionSuggest" : "cli.usage.unknownOption",
        params: { command: path, flag: quoted(message, /unknown option '([^']+)'/), suggestion },
      };
    }
    case "commander.unknownCommand": {
      const suggestion = quoted(message, /Did you mean (\S+?)\?/);
      return {
        key: suggestion ? "cli.usage.unknownCommandSuggest" : "cli.usage.unknownCommand",
        params: { command: path, name: quoted(message, /unknown command '([^']+)'/), suggestion },
      };
    }
    case "commander.missingArgument":
      return {
        key: "cli.usage.missingArgument",
        params: {
          command: path,
          argument: `<${quoted(message, /argument '([^']+)'/)}>`,
          usage: `${path} ${command.usage().replace("[options]", t("cli.help.optionsWord"))}`,
        },
      };
    case "commander.optionMissingArgument":
      return {
        key: "cli.usage.optionMissingValue",
        params: { command: path, flags: quoted(message, /option '([^']+)'/) },
      };
    case "commander.missingMandatoryOptionValue":
      return {
        key: "cli.usage.missingOption",
        params: { command: path, flags: quoted(message, /option '([^']+)'/) },
      };
    case "commander.invalidArgument": {
      const flags = quoted(message, /option '([^']+)'/);
      const option = command.options.find((o) => o.flags === flags);
      return {
        key: "cli.usage.badChoice",
        params: {
          command: path,
          flag: option?.long ?? flags,
          value: quoted(message, /argument '([^']*)' is invalid/),
          choices: option?.argChoices?.join(", ") ?? "",
        },
      };
    }
    case "commander.excessArguments":
      return {
        key: "cli.usage.extraArguments",
        params: {
          command: path,
          extra: command.args.slice(command.registeredArguments.length).join(" "),
        },
      };
    default:
      return { key: "cli.usage.other", params: { command: path } };
  }
}

/**
 * A commander Command whose mistakes are one Vietnamese sentence (a CliMistake, exit code 2)
 * instead of commander's English message and help dump; subcommands inherit it.
 */
export class CliCommand extends Command {
  override createCommand(name?: string): CliCommand {
    return new CliCommand(name);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const { key, params } = usageMistake(this, message, options?.code);
    throw new CliMistake(key, params, EXIT_USAGE);
  }
}

const TITLES: Record<string, TranslationKey> = {
  "Usage:": "cli.help.usage",
  "Options:": "cli.help.options",
  "Commands:": "cli.help.commands",
  "Arguments:": "cli.help.arguments",
  "Global Options:": "cli.help.globalOptions",
};

/** Help in Vietnamese: titles, "[options]", the help option, choices and defaults. */
export function vietnameseHelp<C extends Command>(program: C): C {
  return program
    .helpOption("-h, --help", t("cli.help.helpOption"))
    .helpCommand("help [lệnh]", t("cli.help.helpCommand"))
    .configureHelp({
      styleTitle: (title: string) => {
        const key = TITLES[title];
        return key ? t(key) : title;
      },
      commandUsage: (command: Command) =>
        new Help()
          .commandUsage(command)
          .replace("[options]", t("cli.help.optionsWord"))
          .replace("[command]", t("cli.help.commandWord")),
      subcommandTerm: (command: Command) =>
        new Help()
          .subcommandTerm(command)
          .replace("[options]", t("cli.help.optionsWord"))
          .replace("[command]", t("cli.help.commandWord")),
      optionDescription: (option: Option) => {
        const extra: string[] = [];
        if (option.argChoices)
          extra.push(t("cli.help.choices", { list: option.argChoices.join(", ") }));
        if (option.defaultValue !== undefined && typeof option.defaultValue !== "boolean") {
          const shown = Array.isArray(option.defaultValue) ? "" : String(option.defaultValue);
          if (shown) extra.push(t("cli.help.default", { value: shown }));
        }
        return extra.length > 0
          ? `${option.description} (${extra.join("; ")})`
          : option.description;
      },
    });
}
