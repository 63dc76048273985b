import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** data/ (versioned input: rules, samples, holidays), found from src/ or dist/. */
export function dataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, "data");
    if (existsSync(join(candidate, "holidays"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("data/ not found next to the application");
}

export async function readDataFile(...parts: string[]): Promise<string> {
  return readFile(join(dataDir(), ...parts), "utf8");
}

export async function listDataFiles(folder: string, pattern: RegExp): Promise<string[]> {
  const names = await readdir(join(dataDir(), folder));
  return names.filter((name) => pattern.test(name)).sort();
}
