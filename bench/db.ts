import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { postgresSchemaUrl } from "../test/helpers/db.js";

const silent = createLogger({ level: "silent", secrets: [] });

/** A benchmark's database: in-memory PGlite, or a fresh schema on PostgreSQL dropped on close. */
export async function openBenchDatabase(
  kind: "pglite" | "postgres",
  url: string | undefined,
): Promise<{ db: Database; close(): Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({
      databaseUrl: undefined,
      dataDir: "",
      inMemory: true,
      logger: silent,
    });
    return { db, close: () => db.close() };
  }
  if (!url) throw new Error("no PostgreSQL URL");
  const schema = postgresSchemaUrl(url);
  const db = await openDatabase({ databaseUrl: schema.url, dataDir: "", logger: silent });
  return {
    db,
    async close() {
      await db.close();
      await schema.drop();
    },
  };
}
