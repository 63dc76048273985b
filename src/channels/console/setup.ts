import type { ChannelSetup } from "../registry.js";
import { ConsoleChannel } from "./channel.js";

/** The local console: one process, one user; the registry uses it when no platform is on. */
export const consoleSetup: ChannelSetup = {
  name: "console",
  // The fallback: on whenever no platform is (see consoleOnly in the registry).
  isOn: () => true,
  wantsWebhook: () => false,
  build({ console }) {
    if (!console) return undefined;
    return { channel: new ConsoleChannel(console) };
  },
};
