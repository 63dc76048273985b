/**
 * A migrated, empty embedded database, prepared at install time (`npm run db:template`, run by
 * the postinstall) and unpacked into a new data folder instead of running initdb and every
 * migration inside PGlite's WASM engine: about three quarters of a first start's database work.
 * It is keyed by PGlite's version and the migrations' checksums, so a template left by another
 * version is never used; without one, a new folder is initialised as before.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { migrationsFingerprint } from "./migrate.js";

/** node_modules/@electric-sql/pglite, wherever this file runs from. */
function pgliteFolder(): string {
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (!dir.endsWith(join("@electric-sql", "pglite")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function templateFile(): Promise<string> {
  const pglite = pgliteFolder();
  const { version } = JSON.parse(await readFile(join(pglite, "package.json"), "utf8")) as {
    version: string;
  };
  const key = createHash("sha256")
    .update(`${version}\n${await migrationsFingerprint()}`)
    .digest("hex")
    .slice(0, 16);
  // node_modules/.cache: where build tools keep what they can rebuild.
  return join(pglite, "..", "..", ".cache", "vhcv-bot", `pglite-template-${key}.tar.gz`);
}

/** The template for this PGlite and these migrations, or undefined when none was prepared. */
export async function readEmbeddedTemplate(): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(await templateFile())]);
  } catch {
    return undefined;
  }
}

/**
 * Keep a dump of a freshly migrated database as the template (written whole, then renamed), and
 * drop the templates of other versions: nothing would read them again.
 */
export async function writeEmbeddedTemplate(dump: Buffer): Promise<string> {
  const file = await templateFile();
  const folder = dirname(file);
  await mkdir(folder, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, dump);
  await rename(partial, file);
  for (const name of await readdir(folder)) {
    if (
      name !== basename(file) &&
      name.startsWith("pglite-template-") &&
      name.endsWith(".tar.gz")
    ) {
      await rm(join(folder, name), { force: true });
    }
  }
  return file;
}
