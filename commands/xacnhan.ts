import { z } from "zod";
import { confirmImport } from "./plan-import-chat.js";
import { defineCommand } from "./types.js";

/** Confirms the plan previewed in this chat (for channels without buttons; works everywhere). */
export const confirmCommand = defineCommand({
  names: ["xacnhan", "confirm"],
  description: "commands.xacnhan.description",
  usage: "commands.xacnhan.usage",
  roles: [],
  args: z.tuple([]),
  async run(ctx) {
    await confirmImport(ctx);
  },
});
