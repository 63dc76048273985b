/**
 * Every channel the bot can run, built from one list: each platform's setup decides from the
 * configuration whether it runs and how (polling or webhook). Nothing outside `src/channels`
 * needs to know which platforms exist.
 */
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { consoleSetup } from "./console/setup.js";
import { telegramSetup } from "./telegram/setup.js";
import type { ChannelName } from "../core/messages.js";
import type { Channel, StoreInbound, WebhookRoute } from "./types.js";
import { zaloSetup } from "./zalo/setup.js";
import type { ConsoleChannelOptions } from "./console/channel.js";

export interface MenuEntry {
  command: string;
  description: string;
}

export interface ChannelContext {
  config: Config;
  logger: Logger;
  /** Where a channel's webhook stores updates before the platform gets its 200. */
  storeFor(channel: ChannelName): StoreInbound;
  /** The command menu, for platforms that show one. */
  menu: MenuEntry[];
  /** The local console, used only when no platform channel is configured. */
  console?: ConsoleChannelOptions & { onEnd: () => void };
}

export interface BuiltChannel {
  channel: Channel;
  /** The HTTP route of its webhook, when the channel receives by webhook. */
  webhook?: WebhookRoute;
}

export interface ChannelSetup {
  readonly name: ChannelName;
  /** Does the configuration turn this channel on (its token is set)? */
  isOn(config: Config): boolean;
  /** Does the configuration ask for a webhook (the bot then has to listen on HTTP)? */
  wantsWebhook(config: Config): boolean;
  /** The channel when the configuration turns it on; undefined otherwise. */
  build(context: ChannelContext): BuiltChannel | undefined;
}

/** Platform channels, in start order. The console is the fallback when none of them is on. */
export const platformSetups: readonly ChannelSetup[] = [telegramSetup, zaloSetup];

export interface Channels {
  channels: Map<ChannelName, Channel>;
  webhooks: WebhookRoute[];
}

export function buildChannels(context: ChannelContext): Channels {
  const channels = new Map<ChannelName, Channel>();
  const webhooks: WebhookRoute[] = [];
  for (const setup of platformSetups) {
    const built = setup.build(context);
    if (!built) continue;
    channels.set(built.channel.name, built.channel);
    if (built.webhook) webhooks.push(built.webhook);
  }
  if (channels.size === 0) {
    const built = consoleSetup.build(context);
    if (built) channels.set(built.channel.name, built.channel);
  }
  return { channels, webhooks };
}

/** No platform is configured: the bot talks to the local console (and logs stay out of it). */
export function consoleOnly(config: Config): boolean {
  return !platformSetups.some((setup) => setup.isOn(config));
}

/** True when some configured channel receives by webhook. */
export function anyWebhook(config: Config): boolean {
  return platformSetups.some((setup) => setup.wantsWebhook(config));
}
