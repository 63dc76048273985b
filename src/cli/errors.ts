import { dirname } from "node:path";
import { CommanderError } from "commander";
import { ZodError } from "zod";
import { isUnreachable } from "../bootstrap.js";
import { t, type TranslationKey, type TranslationParams } from "../i18n.js";

/** Exit codes of the admin CLI: 1 = the work could not be done, 2 = the command was mistyped. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/**
 * A mistake the admin can fix: one Vietnamese sentence (from locales/) and an exit code. Thrown
 * anywhere under a `vhcv` command; src/cli/index.ts prints it and exits without a stack trace.
 */
export class CliMistake extends Error {
  constructor(
    readonly key: TranslationKey,
    readonly params: TranslationParams = {},
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(key);
    this.name = "CliMistake";
  }

  text(): string {
    return t(this.key, this.params);
  }
}

interface FsError {
  code: string;
  path?: string;
  syscall?: string;
}

function isFsError(error: unknown): error is FsError {
  const code = (error as { code?: unknown } | null)?.code;
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && typeof syscall === "string";
}

const READ_KEYS: Record<string, TranslationKey> = {
  ENOENT: "cli.errors.readMissing",
  ENOTDIR: "cli.errors.readMissing",
  EISDIR: "cli.errors.readFolder",
  EACCES: "cli.errors.readDenied",
  EPERM: "cli.errors.readDenied",
};

const WRITE_KEYS: Record<string, TranslationKey> = {
  ENOENT: "cli.errors.writeNoFolder",
  ENOTDIR: "cli.errors.writeNoFolder",
  EISDIR: "cli.errors.writeFolder",
  EACCES: "cli.errors.writeDenied",
  EPERM: "cli.errors.writeDenied",
  EROFS: "cli.errors.writeDenied",
  ENOSPC: "cli.errors.writeFull",
};

/** A failed read or write of `path`, said in Vietnamese with what to do (exit code 1). */
export function fileMistake(error: FsError, path: string, writing: boolean): CliMistake {
  const keys = writing ? WRITE_KEYS : READ_KEYS;
  const key = keys[error.code] ?? (writing ? "cli.errors.writeOther" : "cli.errors.readOther");
  return new CliMistake(
    key,
    { path, folder: dirname(path), cwd: process.cwd(), code: error.code },
    EXIT_FAILED,
  );
}

/** Run a read or write of the file the admin named; a file-system error becomes a CliMistake. */
export async function onFile<T>(
  path: string,
  writing: boolean,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isFsError(error)) throw fileMistake(error, path, writing);
    throw error;
  }
}

/** What the CLI prints for an error that reached the top, and its exit code. */
export function describeCliFailure(
  error: unknown,
  debug: boolean,
): { text: string; exitCode: number } {
  if (error instanceof CliMistake) return { text: error.text(), exitCode: error.exitCode };
  if (error instanceof CommanderError) {
    // --help, a command group without its subcommand: commander has already printed the help.
    return { text: "", exitCode: error.exitCode };
  }
  if (error instanceof ZodError) {
    const flags = [
      ...new Set(error.issues.map((issue) => optionFlag(String(issue.path[0] ?? "")))),
    ];
    return { text: t("cli.errors.badValues", { flags: flags.join(", ") }), exitCode: EXIT_USAGE };
  }
  if (isFsError(error) && error.path) {
    const writing = /^(write|mkdir|rename|copyfile)$/.test(error.syscall ?? "");
    return { text: fileMistake(error, error.path, writing).text(), exitCode: EXIT_FAILED };
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (isDatabaseFailure(error)) {
    return {
      text: t("cli.errors.database", { detail: detail.split("\n")[0] ?? "" }),
      exitCode: EXIT_FAILED,
    };
  }
  const sentence = t("cli.errors.unexpected", { detail: detail.split("\n")[0] ?? "" });
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return { text: `${sentence}${stack}`, exitCode: EXIT_FAILED };
}

/** Lost, refused or timed-out connections, from pg, the pool and Prisma's driver adapter. */
const CONNECTION_LOST =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|ECONNREFUSED|ECONNRESET|ETIMEDOUT|Can't reach database server|Server has closed the connection/i;

/** The database went away under a command (at start or in the middle). */
export function isDatabaseFailure(error: unknown): boolean {
  if (isUnreachable(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^P10(01|02|08|17)$/.test(code)) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; depth += 1) {
    if (CONNECTION_LOST.test(e.message)) return true;
    e = e.cause;
  }
  return false;
}

/** "dryRun" → "--dry-run" */
export function optionFlag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
