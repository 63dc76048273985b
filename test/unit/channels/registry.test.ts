import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { anyWebhook, buildChannels, type ChannelContext } from "../../../src/channels/registry.js";
import { loadConfig } from "../../../src/config.js";
import { silentLogger } from "../../helpers/db.js";

const TELEGRAM_TOKEN = "123456:telegram-test-token";
const ZALO_TOKEN = "42:zalo-test-secret";

function context(env: Record<string, string>, withConsole = false): ChannelContext {
  return {
    config: loadConfig(env),
    logger: silentLogger,
    storeFor: () => async () => true,
    menu: [],
    ...(withConsole
      ? {
          console: {
            input: new PassThrough(),
            output: new PassThrough(),
            user: { id: "admin", displayName: "Admin" },
            onEnd: () => undefined,
          },
        }
      : {}),
  };
}

describe("channel registry", () => {
  it("runs each platform whose token is set, polling when no webhook is configured", () => {
    const built = buildChannels(
      context({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, ZALO_BOT_TOKEN: ZALO_TOKEN }, true),
    );
    expect([...built.channels.keys()]).toEqual(["telegram", "zalo"]);
    expect(built.webhooks).toEqual([]);
  });

  it("mounts each webhook on the path of its configured URL", () => {
    const env = {
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.vn/hooks/tg",
      TELEGRAM_WEBHOOK_SECRET: "telegram-secret",
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_WEBHOOK_URL: "https://bot.example.vn/hooks/zalo",
      ZALO_WEBHOOK_SECRET: "zalo-secret-1",
    };
    const built = buildChannels(context(env));
    expect(built.webhooks.map((w) => w.path)).toEqual(["/hooks/tg", "/hooks/zalo"]);
    expect(anyWebhook(loadConfig(env))).toBe(true);
  });

  it("falls back to the console only when no platform is configured", () => {
    expect([...buildChannels(context({}, true)).channels.keys()]).toEqual(["console"]);
    expect(buildChannels(context({})).channels.size).toBe(0);
    expect(anyWebhook(loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN }))).toBe(false);
  });
});
