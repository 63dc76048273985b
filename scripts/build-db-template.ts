/**
 * `npm run db:template` (run by the postinstall): prepare the embedded database template, a
 * migrated empty database that a first start unpacks instead of initialising one (see
 * src/db/embedded-template.ts). Never fails an install: without a template the bot still starts,
 * only more slowly the first time.
 */
try {
  const { openDatabase } = await import("../src/db/client.js");
  const { writeEmbeddedTemplate } = await import("../src/db/embedded-template.js");
  const { createLogger } = await import("../src/logger.js");
  const logger = createLogger({ level: "warn", secrets: [] });
  const db = await openDatabase({
    databaseUrl: undefined,
    dataDir: "",
    inMemory: true,
    useTemplate: false,
    logger,
  });
  try {
    const dump = await db.dumpEmbedded?.();
    if (dump)
      console.log(`vhcv-bot: embedded database template → ${await writeEmbeddedTemplate(dump)}`);
  } finally {
    await db.close();
  }
} catch (error) {
  console.log(
    `vhcv-bot: no embedded database template (${String(error)}); first start will initialise one`,
  );
}
