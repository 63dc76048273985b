import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.js";
import { projectRoot } from "../helpers/process.js";
import { commandPaths } from "../helpers/cli.js";

const readme = readFileSync(`${projectRoot}/README.md`, "utf8");
const tableRows = readme.split("\n").filter((line) => line.startsWith("| `"));

describe("the README's tables are complete", () => {
  it("list every chat command with its alias", () => {
    for (const command of allCommands) {
      const [name, alias] = command.names;
      const row = tableRows.find((line) => line.startsWith(`| \`/${name}`));
      expect(row, `/${name}`).toBeDefined();
      if (alias) expect(row, `/${name}`).toContain(`\`/${alias}\``);
    }
  });

  it("list every vhcv subcommand", () => {
    for (const path of commandPaths()) {
      if (path.length === 1 && ["link", "plan", "units", "rules"].includes(path[0] ?? "")) continue;
      const leaf = path[path.length - 1] ?? "";
      const words = path.length > 1 ? `${path[0]} ${leaf}` : leaf;
      expect(
        tableRows.some((line) => line.includes(`\`${words}`) || line.includes(`/ \`${leaf}`)),
        words,
      ).toBe(true);
    }
  });
});
