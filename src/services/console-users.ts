import type { PrismaClient, Role } from "@prisma/client";

/** Who the console's local user is, for the channel and for the greeting. */
export interface ConsolePerson {
  /** The `--as` name ("admin", "stp"…). */
  id: string;
  displayName: string;
  role: Role;
  unit: { code: string; name: string } | null;
}

/**
 * The console channel's local user. "admin" (the default) is an administrator attached to the
 * demo data's secretariat (Sở Nội vụ) so that every command can be tried; other names are
 * whatever the demo data or an admin made them.
 */
export async function ensureConsoleUser(
  prisma: PrismaClient,
  name: string,
): Promise<ConsolePerson> {
  const externalId = name.trim() || "admin";
  const secretariat = await prisma.unit.findFirst({ where: { code: "SNV" } });
  const isAdmin = externalId === "admin";
  const account = await prisma.account.upsert({
    where: { channel_externalId: { channel: "console", externalId } },
    create: {
      channel: "console",
      externalId,
      displayName: externalId,
      privateChatId: `console:${externalId}`,
      ...(isAdmin ? { role: "admin" as const, unitId: secretariat?.id ?? null } : {}),
    },
    update: isAdmin ? { role: "admin", ...(secretariat ? { unitId: secretariat.id } : {}) } : {},
    include: { unit: { select: { code: true, name: true } } },
  });
  return {
    id: externalId,
    // The name the demo (or an admin) gave, kept when each message touches the account.
    displayName: account.displayName,
    role: account.role,
    unit: account.unit,
  };
}
