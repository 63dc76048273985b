import { type Command, Option } from "commander";
import type { Role } from "@prisma/client";
import { t } from "../i18n.js";
import { createLinkCode, UnknownUnitError } from "../services/accounts.js";
import { formatLocalDateTime } from "../domain/calendar/index.js";
import { parseCliWholeNumber } from "./args.js";
import { type CliContext, print } from "./context.js";
import { CliMistake, EXIT_FAILED } from "./errors.js";

const roles = ["admin", "head", "deputy", "leader", "staff"] as const satisfies readonly Role[];
const purposes = ["none", "leadership", "secretariat"] as const;
type Purpose = (typeof purposes)[number];

/** Roles that belong to one unit: their code must name it. */
const UNIT_ROLES: ReadonlySet<Role> = new Set(["head", "deputy", "staff"]);
/** Roles that see every unit: a unit would make no sense. */
const UNITLESS_ROLES: ReadonlySet<Role> = new Set(["admin", "leader"]);

/** The role and unit of a code must fit together; a group-chat code needs neither. */
export function checkLinkOptions(options: { role: Role; purpose: Purpose; unit?: string }): void {
  if (options.purpose !== "none") {
    if (options.purpose === "secretariat" && options.unit)
      throw new CliMistake("cli.link.secretariatNoUnit", { unit: options.unit });
    return;
  }
  const role = t(`roles.${options.role}`);
  if (UNIT_ROLES.has(options.role) && !options.unit)
    throw new CliMistake("cli.link.unitRequired", { role, roleFlag: options.role });
  if (UNITLESS_ROLES.has(options.role) && options.unit)
    throw new CliMistake("cli.link.unitRefused", { role, unit: options.unit });
}

export function registerLink(program: Command, ctx: () => CliContext): void {
  const link = program.command("link").description(t("cli.help.link"));
  link
    .command("create")
    .description(t("cli.help.linkCreate"))
    .option("--unit <mã>", t("cli.help.linkUnit"))
    .addOption(
      new Option("--role <vai-trò>", t("cli.help.linkRole")).choices(roles).default("head"),
    )
    .addOption(
      new Option("--purpose <mục-đích>", t("cli.help.linkPurpose"))
        .choices(purposes)
        .default("none"),
    )
    .option("--ttl <giờ>", t("cli.help.linkTtl"), "72")
    .action(async (raw: { unit?: string; role: Role; purpose: Purpose; ttl: string }) => {
      const unit = raw.unit?.trim() || undefined;
      const ttl = parseCliWholeNumber("--ttl", raw.ttl, 1, 24 * 30);
      checkLinkOptions({ role: raw.role, purpose: raw.purpose, ...(unit ? { unit } : {}) });
      const context = ctx();
      const db = await context.database();
      try {
        const created = await createLinkCode(db.prisma, {
          ...(unit ? { unitCode: unit } : {}),
          role: raw.role,
          purpose: raw.purpose,
          ttlHours: ttl,
          createdBy: "cli",
          now: context.clock.now(),
        });
        const expires = formatLocalDateTime(created.expiresAt);
        const unitText = created.unit ? `${created.unit.name} (${created.unit.code})` : "";
        await print(
          raw.purpose === "none"
            ? t(unitText ? "cli.link.createdForUnit" : "cli.link.createdNoUnit", {
                code: created.code,
                role: t(`roles.${raw.role}`),
                unit: unitText,
                expires,
              })
            : t(`cli.link.createdGroup.${raw.purpose}`, {
                code: created.code,
                unit: unitText || t("cli.link.allUnits"),
                expires,
              }),
        );
      } catch (error) {
        if (error instanceof UnknownUnitError)
          throw new CliMistake("cli.unknownUnit", { code: error.unitCode }, EXIT_FAILED);
        throw error;
      }
    });
}
