import type { PrismaClient } from "@prisma/client";

/**
 * The console channel's local user. "admin" (the default) is an administrator attached to the
 * demo data's secretariat (Sở Nội vụ) so that every command can be tried; other names are
 * whatever the demo data or an admin made them.
 */
export async function ensureConsoleUser(
  prisma: PrismaClient,
  name: string,
): Promise<{ id: string; displayName: string }> {
  const externalId = name.trim() || "admin";
  const secretariat = await prisma.unit.findFirst({ where: { code: "SNV" } });
  const isAdmin = externalId === "admin";
  await prisma.account.upsert({
    where: { channel_externalId: { channel: "console", externalId } },
    create: {
      channel: "console",
      externalId,
      displayName: externalId,
      privateChatId: `console:${externalId}`,
      ...(isAdmin ? { role: "admin" as const, unitId: secretariat?.id ?? null } : {}),
    },
    update: isAdmin ? { role: "admin", ...(secretariat ? { unitId: secretariat.id } : {}) } : {},
  });
  return { id: externalId, displayName: externalId };
}
