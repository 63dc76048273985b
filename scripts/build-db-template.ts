/**
 * `npm run db:template` (run by the postinstall): prepare the embedded database template, a
 * migrated empty database that a first start unpacks instead of initialising one (see
 * src/db/embedded-template.ts). Never fails an install: without a template the bot still starts,
 * only more slowly the first time.
 */
try {
  const { prepareEmbeddedTemplate } = await import("../src/db/prepare-template.js");
  const { createLogger } = await import("../src/logger.js");
  const file = await prepareEmbeddedTemplate(createLogger({ level: "warn", secrets: [] }));
  console.log(`vhcv-bot: embedded database template → ${file}`);
} catch (error) {
  console.log(
    `vhcv-bot: no embedded database template (${String(error)}); first start will initialise one`,
  );
}
