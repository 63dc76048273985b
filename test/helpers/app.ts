import { createServer } from "node:net";
import { startApp, type App, type AppOptions } from "../../src/app.js";
import { fixedClock, systemClock, type Clock } from "../../src/clock.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { silentLogger } from "./db.js";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Start the whole bot (router, channels, HTTP) against a test database and a given environment. */
export async function startTestApp(
  db: Database,
  env: Record<string, string>,
  extra: Partial<AppOptions> & { clock?: Clock } = {},
): Promise<{ app: App; config: Config }> {
  const config = loadConfig(env);
  const app = await startApp({
    config,
    db,
    logger: silentLogger,
    clock: extra.clock ?? systemClock,
    ...extra,
  });
  return { app, config };
}

export { fixedClock };
