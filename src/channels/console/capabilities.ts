import type { ChannelCapabilities } from "../../core/channel-capabilities.js";

/**
 * The local console prints everything: no limit, buttons numbered (a typed number or label
 * presses one), files as paths.
 */
export const consoleCapabilities: ChannelCapabilities = {
  textLimit: 1_000_000,
  markup: "none",
  buttons: true,
  edit: false,
  replyTo: false,
  files: "local",
  groups: false,
  isGroupChat: () => false,
  perPersonLimit: false,
  sendLimits: { perSecond: 1_000, chatSpacingMs: 0, burst: 100 },
};
