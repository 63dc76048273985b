import { type Command, Option } from "commander";
import { z } from "zod";
import { t } from "../i18n.js";
import { createLinkCode, UnknownUnitError } from "../services/accounts.js";
import { type CliContext, print } from "./context.js";

const roles = ["admin", "head", "deputy", "leader", "staff"] as const;
const purposes = ["none", "leadership", "secretariat"] as const;

const optionsSchema = z.object({
  unit: z.string().trim().min(1).optional(),
  role: z.enum(roles),
  purpose: z.enum(purposes),
  ttl: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30),
});

export function registerLink(program: Command, ctx: () => CliContext): void {
  const link = program
    .command("link")
    .description("one-time link codes for accounts and group chats");
  link
    .command("create")
    .description("create a one-time code binding an account to a unit and role")
    .option("--unit <code>", "unit code, e.g. STP")
    .addOption(new Option("--role <role>", "role given by the code").choices(roles).default("head"))
    .addOption(
      new Option("--purpose <purpose>", "for a group chat: what it becomes")
        .choices(purposes)
        .default("none"),
    )
    .option("--ttl <hours>", "hours before the code expires", "72")
    .action(async (raw: unknown) => {
      const options = optionsSchema.parse(raw);
      const context = ctx();
      const db = await context.database();
      try {
        const created = await createLinkCode(db.prisma, {
          ...(options.unit ? { unitCode: options.unit } : {}),
          role: options.role,
          purpose: options.purpose,
          ttlHours: options.ttl,
          createdBy: "cli",
          now: context.clock.now(),
        });
        await print(
          t("cli.linkCreated", {
            code: created.code,
            role: t(`roles.${options.role}`),
            unit: created.unit ? `${created.unit.name} (${created.unit.code})` : "—",
            expires: created.expiresAt.toISOString(),
          }),
        );
      } catch (error) {
        if (error instanceof UnknownUnitError) {
          process.stderr.write(`${t("cli.unknownUnit", { code: error.unitCode })}\n`);
          process.exitCode = 1;
          return;
        }
        throw error;
      }
    });
}
