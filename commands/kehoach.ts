import { z } from "zod";
import { t } from "../src/i18n.js";
import { defineCommand } from "./types.js";

export const plansCommand = defineCommand({
  names: ["kehoach", "plans"],
  description: "commands.kehoach.description",
  usage: "commands.kehoach.usage",
  roles: "everyone",
  menu: true,
  args: z.tuple([]),
  async run(ctx) {
    const prisma = ctx.services.prisma;
    const plans = await prisma.plan.findMany({
      orderBy: { id: "asc" },
      include: { _count: { select: { tasks: true } } },
    });
    if (plans.length === 0) {
      ctx.reply(t("commands.kehoach.none", {}, ctx.locale));
      return;
    }
    const lines = await Promise.all(
      plans.map(async (plan) => {
        const open = await prisma.occurrence.count({
          where: { task: { planId: plan.id }, status: { not: "done" } },
        });
        return t(
          "commands.kehoach.line",
          {
            title: plan.title,
            code: plan.code,
            issuer: plan.issuer,
            tasks: plan._count.tasks,
            open,
          },
          ctx.locale,
        );
      }),
    );
    ctx.reply([t("commands.kehoach.header", {}, ctx.locale), ...lines].join("\n"));
  },
});
