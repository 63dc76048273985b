import type { Logger } from "../logger.js";
import { openDatabase } from "./client.js";
import { writeEmbeddedTemplate } from "./embedded-template.js";

/** Initialise and migrate an in-memory database, and keep its dump as the template. */
export async function prepareEmbeddedTemplate(logger: Logger): Promise<string> {
  const db = await openDatabase({
    databaseUrl: undefined,
    dataDir: "",
    inMemory: true,
    useTemplate: false,
    logger,
  });
  try {
    const dump = await db.dumpEmbedded?.();
    if (!dump) throw new Error("the embedded database gave no dump");
    return await writeEmbeddedTemplate(dump);
  } finally {
    await db.close();
  }
}
