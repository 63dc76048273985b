/**
 * Each channel's capabilities by name, for code that decides for a channel without running it
 * (the digest job, `vhcv tick`, the outbox sender): the one place where platforms are listed
 * for them.
 */
import type { ChannelCapabilities } from "../core/channel-capabilities.js";
import type { ChannelName } from "../core/messages.js";
import type { SendLimits } from "../domain/rate-limit.js";
import { consoleCapabilities } from "./console/capabilities.js";
import { telegramCapabilities } from "./telegram/capabilities.js";
import { zaloCapabilities } from "./zalo/capabilities.js";

const CAPABILITIES: Record<ChannelName, ChannelCapabilities> = {
  telegram: telegramCapabilities,
  zalo: zaloCapabilities,
  console: consoleCapabilities,
};

export const CHANNEL_NAMES = Object.keys(CAPABILITIES) as ChannelName[];

export function capabilitiesOf(channel: ChannelName): ChannelCapabilities {
  return CAPABILITIES[channel];
}

/** The limiter's figures for a channel: its sending rate and its text limit. */
export function sendLimitsOf(channel: ChannelName): SendLimits {
  const capabilities = capabilitiesOf(channel);
  return { ...capabilities.sendLimits, textLimit: capabilities.textLimit };
}
