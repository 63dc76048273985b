import type { PrismaClient } from "@prisma/client";
import type { ChannelName } from "../../core/messages.js";
import type { DigestUnit } from "../../domain/digest/types.js";
import { unitsUnder } from "../../domain/digest/scope.js";
import type { Locale } from "../../i18n.js";

/** Monday 08:00, Vietnam time. */
export const DEFAULT_DIGEST_CRON = "0 8 * * 1";

/** Who receives the weekly digest: a leadership chat or a leader's private chat. */
export interface DigestTarget {
  /** "chat:telegram:-100123" or "account:42": DigestRun.targetKey and the dedupe key's middle. */
  key: string;
  channel: ChannelName;
  chatId: string;
  /** What an admin knows it by: a group chat's title or a person's name (may be empty). */
  name: string;
  kind: "chat" | "account";
  cron: string;
  locale?: Locale;
  /** Unit ids it follows; null = every unit. */
  unitIds: ReadonlySet<number> | null;
  /** Names of the units it was scoped to (for the "Phạm vi" line); empty when all. */
  scopeNames: string[];
}

const asLocale = (value: string | null): Locale | undefined =>
  value === "vi" || value === "en" ? value : undefined;

/**
 * Active leadership chats (scope: Chat.unitScope codes and the units under them; none = all)
 * and leader accounts with a private chat (scope: their unit and the units under it; none = all).
 */
export async function listDigestTargets(
  prisma: PrismaClient,
  units?: readonly DigestUnit[],
): Promise<DigestTarget[]> {
  const [chats, leaders, allUnits] = await Promise.all([
    prisma.chat.findMany({
      where: { purpose: "leadership", active: true },
      orderBy: { id: "asc" },
    }),
    prisma.account.findMany({
      where: { role: "leader", privateChatId: { not: null } },
      orderBy: { id: "asc" },
    }),
    units
      ? Promise.resolve(units)
      : prisma.unit.findMany({ select: { id: true, code: true, name: true, parentId: true } }),
  ]);
  const byCode = new Map(allUnits.map((u) => [u.code.toUpperCase(), u]));
  const byId = new Map(allUnits.map((u) => [u.id, u]));
  const scope = (roots: DigestUnit[]) =>
    roots.length === 0
      ? { unitIds: null, scopeNames: [] }
      : {
          unitIds: unitsUnder(
            allUnits,
            roots.map((u) => u.id),
          ),
          scopeNames: roots.map((u) => u.name),
        };

  const targets: DigestTarget[] = [];
  for (const chat of chats) {
    const roots = chat.unitScope
      .map((code) => byCode.get(code.trim().toUpperCase()))
      .filter((u): u is DigestUnit => u !== undefined);
    // A scope that names only unknown units follows nothing rather than everything.
    const scoped =
      chat.unitScope.length > 0 && roots.length === 0
        ? { unitIds: new Set<number>(), scopeNames: chat.unitScope }
        : scope(roots);
    targets.push({
      key: `chat:${chat.channel}:${chat.externalId}`,
      channel: chat.channel,
      chatId: chat.externalId,
      name: chat.title ?? "",
      kind: "chat",
      cron: chat.digestCron?.trim() || DEFAULT_DIGEST_CRON,
      ...scoped,
    });
  }
  for (const account of leaders) {
    if (!account.privateChatId) continue;
    const unit = account.unitId === null ? undefined : byId.get(account.unitId);
    const locale = asLocale(account.locale);
    targets.push({
      key: `account:${account.id}`,
      channel: account.channel,
      chatId: account.privateChatId,
      name: account.displayName,
      kind: "account",
      cron: DEFAULT_DIGEST_CRON,
      ...(locale ? { locale } : {}),
      ...scope(unit ? [unit] : []),
    });
  }
  return targets;
}

/** Who may ask for a digest or a workbook in a chat: leaders, admins, and linked leadership or secretariat chats. */
export function mayAskDigest(account: { role: string }, chat: { purpose: string }): boolean {
  return (
    account.role === "leader" ||
    account.role === "admin" ||
    chat.purpose === "leadership" ||
    chat.purpose === "secretariat"
  );
}

/**
 * The units a request in a chat covers: a leadership chat's scope, else a leader's unit and the
 * units under it, else (admins, the secretariat, leaders with no unit) every unit.
 */
export async function scopeForRequest(
  prisma: PrismaClient,
  account: { role: string; unitId: number | null },
  chat: { purpose: string; unitScope: string[] },
): Promise<{ unitIds: ReadonlySet<number> | null; scopeNames: string[] }> {
  const units = await prisma.unit.findMany({
    select: { id: true, code: true, name: true, parentId: true },
  });
  let roots: DigestUnit[] = [];
  if (chat.purpose === "leadership" && chat.unitScope.length > 0) {
    const codes = new Set(chat.unitScope.map((c) => c.trim().toUpperCase()));
    roots = units.filter((u) => codes.has(u.code.toUpperCase()));
    if (roots.length === 0) return { unitIds: new Set(), scopeNames: chat.unitScope };
  } else if (
    chat.purpose !== "leadership" &&
    account.role === "leader" &&
    account.unitId !== null
  ) {
    roots = units.filter((u) => u.id === account.unitId);
  }
  if (roots.length === 0) return { unitIds: null, scopeNames: [] };
  return {
    unitIds: unitsUnder(
      units,
      roots.map((u) => u.id),
    ),
    scopeNames: roots.map((u) => u.name),
  };
}
