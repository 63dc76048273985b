import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../logger.js";
import type { SqlRunner } from "./sql-runner.js";

/** prisma/migrations, found from this file whether it runs from src/ (tsx) or dist/ (node). */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error("prisma/migrations not found next to the application");
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/** Names and checksums of every migration: what a schema built from them is keyed by. */
export async function migrationsFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const migration of await readMigrations(migrationsDir())) {
    hash.update(`${migration.name}\0${migration.checksum}\n`);
  }
  return hash.digest("hex");
}

// Same table as `prisma migrate deploy`, so either tool sees the other's work.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** An arbitrary constant: replicas starting together apply migrations one at a time. */
const MIGRATION_LOCK_KEY = 74_218_301;

/**
 * Apply pending migrations, each in its own transaction. Runs at every start, in both modes.
 * Returns the names applied.
 */
export async function applyMigrations(runner: SqlRunner, logger: Logger): Promise<string[]> {
  const migrations = await readMigrations(migrationsDir());
  return runner.withSession(async (session) => {
    await session.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await session.exec(CREATE_TABLE);
      const rows = await session.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
      const applied: string[] = [];
      for (const migration of migrations) {
        const previous = done.get(migration.name);
        if (previous !== undefined) {
          if (previous !== migration.checksum) {
            logger.warn(
              { migration: migration.name },
              "migration file changed after it was applied",
            );
          }
          continue;
        }
        await session.exec("BEGIN");
        try {
          await session.exec(migration.sql);
          await session.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
            [randomUUID(), migration.checksum, migration.name],
          );
          await session.exec("COMMIT");
        } catch (error) {
          await session.exec("ROLLBACK");
          throw error;
        }
        logger.info({ migration: migration.name }, "migration applied");
        applied.push(migration.name);
      }
      return applied;
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
