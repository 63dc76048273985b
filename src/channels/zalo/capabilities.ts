import type { ChannelCapabilities } from "../../core/channel-capabilities.js";

/**
 * Zalo Bot Platform: texts of 1–2000 characters, no markup, no buttons, no reply field; photos
 * by public URL only; groups not open to bots yet.
 */
export const zaloCapabilities: ChannelCapabilities = {
  textLimit: 2000,
  markup: "none",
  buttons: false,
  edit: false,
  replyTo: false,
  files: "link",
  groups: false,
  isGroupChat: () => false,
  perPersonLimit: true,
  // Zalo publishes no rate: a cautious guess.
  sendLimits: { perSecond: 10, chatSpacingMs: 1_000, burst: 5 },
};
