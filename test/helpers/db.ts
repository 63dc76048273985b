import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, postgresConnection, type Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";

export const silentLogger = createLogger({ level: "silent", secrets: [] });

export interface TestDatabase {
  name: "pglite" | "postgres";
  open(): Promise<Database>;
}

/** An in-memory PGlite, migrated. */
export function openTestPglite(): Promise<Database> {
  return openDatabase({
    databaseUrl: undefined,
    dataDir: "",
    inMemory: true,
    logger: silentLogger,
  });
}

/** A fresh schema on the real PostgreSQL named by TEST_DATABASE_URL, migrated; dropped on close. */
export async function openTestPostgres(url = process.env.TEST_DATABASE_URL): Promise<Database> {
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set("schema", schema);
  const db = await openDatabase({
    databaseUrl: withSchema.toString(),
    dataDir: "",
    logger: silentLogger,
  });
  const close = db.close.bind(db);
  return {
    ...db,
    async close() {
      await close();
      await dropSchema(url, schema);
    },
  };
}

/** URL of a fresh schema for a child process; returns a cleanup. */
export function postgresSchemaUrl(url: string): {
  url: string;
  schema: string;
  drop(): Promise<void>;
} {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set("schema", schema);
  return { url: withSchema.toString(), schema, drop: () => dropSchema(url, schema) };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresConnection(url).connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/** PGlite always; the real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: "pglite", open: openTestPglite }];
  if (process.env.TEST_DATABASE_URL)
    list.push({ name: "postgres", open: () => openTestPostgres() });
  return list;
}

/** A second replica: its own pool on the same PostgreSQL schema as `first`. */
export async function openSecondReplica(first: Database): Promise<Database> {
  const [row] = await first.sql.withSession((s) =>
    s.query<{ schema: string }>("SELECT current_schema() AS schema"),
  );
  const url = new URL(process.env.TEST_DATABASE_URL ?? "");
  url.searchParams.set("schema", row?.schema ?? "public");
  return openDatabase({ databaseUrl: url.toString(), dataDir: "", logger: silentLogger });
}

/** A data folder (and, on PostgreSQL, a schema) for a bot process, and a client to look into it. */
export interface BotDatabase {
  /** DATA_DIR, and DATABASE_URL on PostgreSQL: the environment to start the bot with. */
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * Each database a bot process can run on: embedded always, PostgreSQL when TEST_DATABASE_URL is
 * set. `prefix` names the temporary folders.
 */
export function botDatabases(prefix: string): { name: string; prepare(): Promise<BotDatabase> }[] {
  const variants = [
    {
      name: "embedded database",
      async prepare(): Promise<BotDatabase> {
        const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-`));
        return {
          env: { DATA_DIR: dataDir },
          open: () => openDatabase({ databaseUrl: undefined, dataDir, logger: silentLogger }),
          drop: () => rm(dataDir, { recursive: true, force: true }),
        };
      },
    },
  ];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    variants.push({
      name: "PostgreSQL",
      async prepare(): Promise<BotDatabase> {
        const schema = postgresSchemaUrl(pgUrl);
        const dataDir = await mkdtemp(join(tmpdir(), `${prefix}-pg-`));
        return {
          env: { DATA_DIR: dataDir, DATABASE_URL: schema.url },
          open: () => openDatabase({ databaseUrl: schema.url, dataDir: "", logger: silentLogger }),
          async drop() {
            await schema.drop();
            await rm(dataDir, { recursive: true, force: true });
          },
        };
      },
    });
  }
  return variants;
}
