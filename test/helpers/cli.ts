import { vi } from "vitest";
import type { Command } from "commander";
import { createProgram, runCli } from "../../src/cli/program.js";
import type { CliContext } from "../../src/cli/context.js";
import type { Clock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { silentLogger } from "./db.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `vhcv <args>` in this process, as an admin would type it, capturing what it prints.
 * `db` is the database the commands open; without one, opening it fails the command.
 */
export async function vhcvInProcess(
  args: string[],
  options: {
    dataDir?: string;
    db?: Database;
    clock?: Clock;
    debug?: boolean;
    /** More environment (e.g. PUBLIC_BASE_URL). */
    env?: Record<string, string>;
  } = {},
): Promise<CliRun> {
  const config = loadConfig({
    DATA_DIR: options.dataDir ?? "/nonexistent-vhcv-data",
    ...options.env,
  });
  const context: CliContext = {
    config,
    logger: silentLogger,
    clock: options.clock ?? { now: () => new Date() },
    database: async () => {
      if (!options.db) throw new Error("this command should not need the database");
      return options.db;
    },
    close: async () => undefined,
  };
  let stdout = "";
  let stderr = "";
  const capture =
    (append: (text: string) => void) =>
    (chunk: unknown, ...rest: unknown[]) => {
      append(String(chunk));
      const done = rest.find((r) => typeof r === "function");
      if (typeof done === "function") (done as () => void)();
      return true;
    };
  const out = vi
    .spyOn(process.stdout, "write")
    .mockImplementation(capture((text) => (stdout += text)));
  const err = vi
    .spyOn(process.stderr, "write")
    .mockImplementation(capture((text) => (stderr += text)));
  try {
    const code = await runCli(
      createProgram(() => context),
      args,
      {
        debug: options.debug ?? false,
      },
    );
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Every command path of the CLI: ["link"], ["link", "create"], … */
export function commandPaths(): string[][] {
  const paths: string[][] = [];
  const walk = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      if (sub.name() === "help") continue;
      paths.push([...prefix, sub.name()]);
      walk(sub, [...prefix, sub.name()]);
    }
  };
  walk(
    createProgram(() => {
      throw new Error("no context while listing commands");
    }),
    [],
  );
  return paths;
}
