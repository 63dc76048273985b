/**
 * `npm run db:template` (run by the postinstall): prepare the embedded database template, a
 * migrated empty database that a first start unpacks instead of initialising one (see
 * src/db/embedded-template.ts). Never fails an install: without a template the bot still starts,
 * only more slowly the first time. Where the sources are not there yet (the image's install step,
 * before src/ is copied) it says nothing: the image runs it again once they are.
 */
try {
  const { t } = await import("../src/i18n.js");
  try {
    const { prepareEmbeddedTemplate } = await import("../src/db/prepare-template.js");
    const { createLogger } = await import("../src/logger.js");
    const file = await prepareEmbeddedTemplate(createLogger({ level: "warn", secrets: [] }));
    console.log(t("cli.templateReady", { file }));
  } catch (error) {
    console.log(t("cli.templateMissing", { error: String(error) }));
  }
} catch {
  // No sources to build from.
}
