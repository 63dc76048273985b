import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@prisma/client";
import type { Logger } from "../logger.js";
import {
  EmbeddedFolderDamagedError,
  folderState,
  recoverInterruptedRestore,
} from "./embedded-folder.js";
import { lockFolder, type LockRole } from "./embedded-lock.js";
import { registerDirectDriver } from "./direct-sql.js";
import { readEmbeddedTemplate } from "./embedded-template.js";
import { applyMigrations } from "./migrate.js";
import { pgliteRunner, pgRunner, type SqlRunner } from "./sql-runner.js";

export type { PrismaClient } from "@prisma/client";

export interface Database {
  mode: "embedded" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  /**
   * Whether the database answers `SELECT 1` within `timeoutMs` (for /healthz): false when it
   * refuses, fails or stays silent — never waits longer than asked.
   */
  ping(timeoutMs: number): Promise<boolean>;
  /** Embedded only: the whole data folder as a gzipped tarball (a consistent backup). */
  dumpEmbedded?: () => Promise<Buffer>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgresql://… ; undefined → embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logger: Logger;
  /** In-memory embedded database (tests); no folder, no lock. */
  inMemory?: boolean;
  migrate?: boolean;
  /** A new embedded database starts from the install-time template when there is one (default). */
  useTemplate?: boolean;
  poolSize?: number;
  /**
   * Embedded only: who holds the folder's lock (the bot or a `vhcv` command, named to whoever
   * is refused), and what to do when another process removes or replaces that lock.
   */
  embeddedLock?: EmbeddedLockOptions;
  /** PostgreSQL only: how long to wait for a connection and for a statement (defaults below). */
  timeouts?: Partial<PostgresTimeouts>;
}

export interface EmbeddedLockOptions {
  role: LockRole;
  onLost?: (reason: string) => void;
}

export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one in the pool. */
  connectMs: number;
  /** The server cancels a statement running longer than this. */
  statementMs: number;
  /** The client gives up on a statement with no answer (a silent network partition). */
  queryMs: number;
}

/**
 * A silent partition (packets dropped, no RST) used to hold webhooks and /healthz for as long as
 * the kernel's TCP timeouts: these bound every wait. The bot's statements take milliseconds;
 * a statement running 10 s is a fault, not a workload.
 */
export const POSTGRES_TIMEOUTS: PostgresTimeouts = {
  connectMs: 5_000,
  statementMs: 10_000,
  queryMs: 15_000,
};

/** `work` if it settles within `ms`, else `fallback`; a late rejection is swallowed. */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function embeddedFolder(dataDir: string): string {
  return resolve(join(dataDir, "pglite"));
}

/** Open the database the configuration names and bring its schema up to date. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize ?? 10, {
        ...POSTGRES_TIMEOUTS,
        ...options.timeouts,
      })
    : await openEmbedded(
        options.inMemory ? undefined : embeddedFolder(options.dataDir),
        options.embeddedLock,
        options.useTemplate !== false,
      );
  try {
    if (options.migrate !== false) await applyMigrations(db.sql, options.logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * `?schema=name` (Prisma's convention) puts every table in that schema: the connection's
 * search_path is set, and the schema is created on first use.
 */
export function postgresConnection(databaseUrl: string): {
  connectionString: string;
  schema: string | undefined;
} {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error("DATABASE_URL schema must be lower-case letters, digits and _");
  }
  return { connectionString: url.toString(), schema };
}

async function openPostgres(
  databaseUrl: string,
  poolSize: number,
  timeouts: PostgresTimeouts,
): Promise<Database> {
  const { connectionString, schema } = postgresConnection(databaseUrl);
  const [{ default: pg }, { PrismaPg }] = await Promise.all([
    import("pg"),
    import("@prisma/adapter-pg"),
  ]);
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });

  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : {}) });
  registerDirectDriver(prisma, {
    rows: async <T>(text: string, values: unknown[]) =>
      (await pool.query(text, values)).rows as T[],
    execute: async (text, values) => (await pool.query(text, values)).rowCount ?? 0,
  });
  let closed = false;
  return {
    mode: "postgres",
    prisma,
    sql: pgRunner(pool),
    ping: (timeoutMs) =>
      within(
        pool.query("SELECT 1").then(
          () => true,
          () => false,
        ),
        timeoutMs,
        false,
      ),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * PostgreSQL's defaults are for a server of its own: shared_buffers = 128MB alone is most of
 * PGlite's WASM heap, and shared memory is sized for 100 connections where PGlite has one. The
 * bot's data is a few MB, and PGlite's files are in the operating system's cache anyway: 4MB of
 * buffers (512 pages) serve it. Together: about 8 MB of shared memory instead of 24 MB at
 * 16MB/100. PGlite writes these lines as the data folder's postgresql.conf at every open.
 */
export const EMBEDDED_POSTGRESQL_CONF = ["shared_buffers = 4MB", "max_connections = 4"];

async function openEmbedded(
  folder: string | undefined,
  lock: EmbeddedLockOptions | undefined,
  useTemplate: boolean,
): Promise<Database> {
  // Each mode loads only its own driver: the other's modules would sit in memory unused.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  let lost = false;
  const release = folder
    ? await lockFolder(folder, {
        role: lock?.role ?? "cli",
        onCompromised: (reason) => {
          lost = true;
          lock?.onLost?.(reason);
        },
      })
    : async () => undefined;
  // A folder with files that is not a database, or a database that does not open, is refused:
  // PGlite would otherwise create an empty database there (and the demo data would follow).
  let state: Awaited<ReturnType<typeof folderState>> = "empty";
  if (folder) {
    try {
      await recoverInterruptedRestore(folder);
      state = await folderState(folder);
    } catch (error) {
      await release();
      throw error;
    }
    if (state === "other") {
      await release();
      throw new EmbeddedFolderDamagedError(folder, "no PG_VERSION");
    }
  }
  let pglite: PGlite;
  const template = useTemplate && state === "empty" ? await readEmbeddedTemplate() : undefined;
  const options = {
    postgresqlconf: EMBEDDED_POSTGRESQL_CONF,
    ...(template ? { loadDataDir: template } : {}),
  };
  // PGlite's engine is compiled by V8's baseline compiler only (Liftoff): optimising its hot
  // functions held about 40 MB of code for no gain the bot's small queries show. The flag is read
  // when a module is compiled, so it is set just for PGlite's.
  setFlagsFromString("--liftoff-only");
  try {
    pglite = folder ? await PGlite.create(folder, options) : await PGlite.create(options);
  } catch (error) {
    await release();
    if (folder && state === "database") {
      throw new EmbeddedFolderDamagedError(folder, (error as Error).message);
    }
    throw error;
  } finally {
    setFlagsFromString("--no-liftoff-only");
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  registerDirectDriver(prisma, {
    rows: async <T>(text: string, values: unknown[]) => (await pglite.query<T>(text, values)).rows,
    execute: async (text, values) => (await pglite.query(text, values)).affectedRows ?? 0,
  });
  let closed = false;
  return {
    mode: "embedded",
    prisma,
    sql: pgliteRunner(pglite),
    ping: (timeoutMs) =>
      within(
        pglite.query("SELECT 1").then(
          () => true,
          () => false,
        ),
        timeoutMs,
        false,
      ),
    async dumpEmbedded() {
      const blob = await pglite.dumpDataDir("gzip");
      return Buffer.from(await blob.arrayBuffer());
    },
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      // Another process holds the folder now: closing would write a checkpoint into its files.
      if (!lost) await pglite.close();
      await release();
    },
  };
}
