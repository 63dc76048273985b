/**
 * What a person at a terminal sees around the conversation: progress lines while the first start
 * works, then a greeting that says who they are talking as and what to type. Only when stdin and
 * stdout are a terminal: piped, the output carries the replies and nothing else.
 */
import type { Writable } from "node:stream";
import { t, type Locale } from "../i18n.js";
import type { ConsolePerson } from "../services/console-users.js";

/** A person types at a terminal and reads the answers there. */
export function isInteractive(input: { isTTY?: boolean }, output: { isTTY?: boolean }): boolean {
  return input.isTTY === true && output.isTTY === true;
}

export type ProgressStep =
  | { step: "newDatabase"; folder: string }
  | { step: "openDatabase" }
  | { step: "demo" }
  | { step: "demoLoaded"; units: number; tasks: number }
  | { step: "starting" };

/** Progress lines to `output` (interactive), or nothing at all (piped). */
export function progressReporter(
  output: Writable | undefined,
  locale: Locale,
): (progress: ProgressStep) => void {
  if (!output) return () => undefined;
  return ({ step, ...values }) => {
    output.write(`${t(`console.progress.${step}`, values, locale)}\n`);
  };
}

/** "Xin chào! … Bạn đang là: Thủ trưởng Sở Tư pháp — thủ trưởng đơn vị, Sở Tư pháp (STP). …" */
export function consoleGreeting(
  person: ConsolePerson,
  personas: readonly string[],
  locale: Locale,
  /** Whether this person may use /nhiemvu: it is suggested only then. */
  mayListTasks: boolean,
): string {
  const role = t(`roles.${person.role}`, {}, locale);
  const who = person.unit
    ? t(
        "console.greeting.whoInUnit",
        { name: person.displayName, role, unit: `${person.unit.name} (${person.unit.code})` },
        locale,
      )
    : t("console.greeting.who", { name: person.displayName, role }, locale);
  const others = personas.filter((persona) => persona !== person.id);
  const tasks = mayListTasks ? t("console.greeting.tasks", {}, locale) : "";
  return t("console.greeting.text", { who, tasks, personas: others.join(", ") }, locale);
}
