#!/usr/bin/env node
// The admin CLI. Runs the compiled build when there is one (Docker), else the sources via tsx.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../dist/src/cli/index.js", import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/cli/index.ts", import.meta.url).href);
}
