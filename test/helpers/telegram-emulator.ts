import { createRequire } from "node:module";
import type { TelegramServer as TelegramServerClass } from "telegram-test-api/lib/telegramServer.js";

// telegram-test-api is CommonJS with a `default` export; load the class by name for both
// the type checker and the runtime.
const require = createRequire(import.meta.url);
const loaded = require("telegram-test-api/lib/telegramServer.js") as {
  TelegramServer: typeof TelegramServerClass;
};

export const TelegramServer = loaded.TelegramServer;
export type TelegramServer = TelegramServerClass;
