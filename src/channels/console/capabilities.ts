import type { ChannelCapabilities } from "../../core/channel-capabilities.js";

/** The local console prints everything: no limit, buttons shown as labels, files as paths. */
export const consoleCapabilities: ChannelCapabilities = {
  textLimit: 1_000_000,
  markup: "none",
  buttons: false,
  edit: false,
  replyTo: false,
  files: "upload",
  groups: false,
  isGroupChat: () => false,
  perPersonLimit: false,
  sendLimits: { perSecond: 1_000, chatSpacingMs: 0, burst: 100 },
};
