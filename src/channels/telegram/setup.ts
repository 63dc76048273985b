import type { ChannelSetup } from "../registry.js";
import { webhookRoute } from "../types.js";
import { TelegramChannel } from "./channel.js";

export const telegramSetup: ChannelSetup = {
  name: "telegram",
  isOn: (config) => config.telegram !== undefined,
  wantsWebhook: (config) => config.telegram?.webhook !== undefined,
  build({ config, logger, storeFor, menu }) {
    const settings = config.telegram;
    if (!settings) return undefined;
    const channel = new TelegramChannel({
      token: settings.token,
      apiRoot: settings.apiRoot,
      webhook: settings.webhook,
      ...(settings.webhook ? { storeInbound: storeFor("telegram") } : {}),
      menu,
      logger: logger.child({ channel: "telegram" }),
    });
    if (!settings.webhook) return { channel };
    return { channel, webhook: webhookRoute(channel, settings.webhook.url) };
  },
};
