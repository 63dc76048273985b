import type { ChannelSetup } from "../registry.js";
import { webhookRoute } from "../types.js";
import { ZaloChannel } from "./channel.js";
import { ZaloClient } from "./client.js";

export const zaloSetup: ChannelSetup = {
  name: "zalo",
  isOn: (config) => config.zalo !== undefined,
  wantsWebhook: (config) => config.zalo?.webhook !== undefined,
  build({ config, logger, storeFor }) {
    const settings = config.zalo;
    if (!settings) return undefined;
    const channel = new ZaloChannel({
      client: new ZaloClient({
        token: settings.token,
        ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}),
      }),
      logger: logger.child({ channel: "zalo" }),
      ...(settings.webhook ? { webhook: settings.webhook, storeInbound: storeFor("zalo") } : {}),
    });
    if (!settings.webhook) return { channel };
    return { channel, webhook: webhookRoute(channel, settings.webhook.url) };
  },
};
