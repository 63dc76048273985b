import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const rulesCommand = defineCommand({
  names: ["quydinh", "rules"],
  description: "commands.quydinh.description",
  usage: "commands.quydinh.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const lines = ctx.services.qa
      .topics(ctx.locale)
      .map((topic, index) =>
        t("qa.topicLine", { n: index + 1, title: topic.title, example: topic.example }, ctx.locale),
      );
    ctx.reply(
      [
        t(
          "commands.quydinh.header",
          {
            documents: ctx.services.qa
              .documents()
              .map((document) => document.shortTitle)
              .join("; "),
          },
          ctx.locale,
        ),
        ...lines,
        "",
        t("commands.quydinh.footer", {}, ctx.locale),
      ].join("\n"),
    );
  },
});
