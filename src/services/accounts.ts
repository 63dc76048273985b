import { randomInt } from "node:crypto";
import {
  Prisma,
  type Account,
  type Chat,
  type PrismaClient,
  type Role,
  type Unit,
} from "@prisma/client";
import { utcTimestamp } from "../db/sql-time.js";
import type { ChannelName, ChatKind } from "../core/messages.js";
import { actorOf, audit } from "./audit.js";

export type AccountWithUnit = Account & { unit: Unit | null };
/** The chat a message came from and the roles, as commands name them (they import no Prisma). */
export type { Chat, Role };

export interface SeenSender {
  channel: ChannelName;
  externalId: string;
  displayName: string;
  chatId: string;
  chatKind: ChatKind;
  chatTitle?: string;
}

/**
 * Every incoming message needs its account and chat. A short-lived cache spares the database
 * the same reads for a person who writes again within seconds; any change this process makes to
 * an account or chat clears it, and other replicas see a change within the TTL.
 */
const CACHE_TTL_MS = 15_000;
const CACHE_MAX = 10_000;
const seenCache = new Map<string, { at: number; account: AccountWithUnit; chat: Chat }>();

function cacheKey(seen: SeenSender): string {
  return `${seen.channel}\u0000${seen.externalId}\u0000${seen.chatId}`;
}

/** Forget cached accounts and chats (after a link, a role change, a chat update). */
export function forgetSeen(): void {
  seenCache.clear();
}

/** As touchAccount, through the cache: what the router uses for every message. */
export async function touchAccountCached(
  prisma: PrismaClient,
  seen: SeenSender,
  now = Date.now(),
): Promise<{ account: AccountWithUnit; chat: Chat }> {
  const key = cacheKey(seen);
  const cached = seenCache.get(key);
  if (
    cached &&
    now - cached.at < CACHE_TTL_MS &&
    cached.account.displayName === seen.displayName.slice(0, 200)
  ) {
    return { account: cached.account, chat: cached.chat };
  }
  const fresh = await touchAccount(prisma, seen);
  if (seenCache.size >= CACHE_MAX) seenCache.clear();
  seenCache.set(key, { at: now, ...fresh });
  return fresh;
}

/** Find or create the account and chat behind a message; reads first, writes only what changed. */
export async function touchAccount(
  prisma: PrismaClient,
  seen: SeenSender,
): Promise<{ account: AccountWithUnit; chat: Chat }> {
  const displayName = seen.displayName.slice(0, 200);
  const privateChatId = seen.chatKind === "private" ? seen.chatId : undefined;
  const accountKey = { channel_externalId: { channel: seen.channel, externalId: seen.externalId } };
  const chatKey = { channel_externalId: { channel: seen.channel, externalId: seen.chatId } };
  const [existingAccount, existingChat] = await Promise.all([
    prisma.account.findUnique({ where: accountKey, include: { unit: true } }),
    prisma.chat.findUnique({ where: chatKey }),
  ]);
  const accountStale =
    !existingAccount ||
    existingAccount.displayName !== displayName ||
    (privateChatId !== undefined && existingAccount.privateChatId !== privateChatId);
  const chatStale =
    !existingChat || (seen.chatTitle !== undefined && existingChat.title !== seen.chatTitle);
  const now = new Date();
  const [upserted, chat] = await Promise.all([
    accountStale ? upsertAccount(prisma, seen, displayName, privateChatId, now) : null,
    chatStale ? upsertChat(prisma, seen, now) : existingChat,
  ]);
  let account = existingAccount;
  if (upserted) {
    const knownUnit = existingAccount?.unit ?? null;
    const unit =
      upserted.unitId === null
        ? null
        : knownUnit?.id === upserted.unitId
          ? knownUnit
          : await prisma.unit.findUnique({ where: { id: upserted.unitId } });
    account = { ...upserted, unit };
  }
  if (!account || !chat) throw new Error("account or chat missing after upsert");
  return { account, chat };
}

/*
 * The first message of a person or chat writes a row. One INSERT … ON CONFLICT each, in raw SQL:
 * Prisma's upsert is a transaction of four statements, and this runs once per new sender.
 */
const ACCOUNT_COLUMNS = Prisma.sql`"id", "channel"::text AS "channel", "externalId", "displayName",
  "privateChatId", "unitId", "role"::text AS "role", "locale", "createdAt", "updatedAt"`;

async function upsertAccount(
  prisma: PrismaClient,
  seen: SeenSender,
  displayName: string,
  privateChatId: string | undefined,
  now: Date,
): Promise<Account> {
  const [row] = await prisma.$queryRaw<Account[]>`
    INSERT INTO "Account" ("channel", "externalId", "displayName", "privateChatId", "createdAt",
                           "updatedAt")
    VALUES (${seen.channel}::"Channel", ${seen.externalId}, ${displayName},
            ${privateChatId ?? null}, ${utcTimestamp(now)}, ${utcTimestamp(now)})
    ON CONFLICT ("channel", "externalId") DO UPDATE SET
      "displayName" = EXCLUDED."displayName",
      "privateChatId" = COALESCE(EXCLUDED."privateChatId", "Account"."privateChatId"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING ${ACCOUNT_COLUMNS}`;
  if (!row) throw new Error("account upsert returned no row");
  return row;
}

const CHAT_COLUMNS = Prisma.sql`"id", "channel"::text AS "channel", "externalId",
  "kind"::text AS "kind", "title", "purpose"::text AS "purpose", "unitScope", "digestCron",
  "active", "createdAt", "updatedAt"`;

async function upsertChat(prisma: PrismaClient, seen: SeenSender, now: Date): Promise<Chat> {
  const [row] = await prisma.$queryRaw<Chat[]>`
    INSERT INTO "Chat" ("channel", "externalId", "kind", "title", "createdAt", "updatedAt")
    VALUES (${seen.channel}::"Channel", ${seen.chatId}, ${seen.chatKind}::"ChatKind",
            ${seen.chatTitle ?? null}, ${utcTimestamp(now)}, ${utcTimestamp(now)})
    ON CONFLICT ("channel", "externalId") DO UPDATE SET
      "title" = COALESCE(EXCLUDED."title", "Chat"."title"),
      "updatedAt" = EXCLUDED."updatedAt"
    RETURNING ${CHAT_COLUMNS}`;
  if (!row) throw new Error("chat upsert returned no row");
  return row;
}

// No 0/O/1/I: codes are read aloud and typed on phones.
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newLinkCode(length = 8): string {
  let code = "";
  for (let i = 0; i < length; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export interface CreateLinkOptions {
  unitCode?: string;
  role: Role;
  purpose?: "none" | "leadership" | "secretariat";
  ttlHours: number;
  createdBy: string;
  now: Date;
}

export class UnknownUnitError extends Error {
  constructor(readonly unitCode: string) {
    super(`unknown unit ${unitCode}`);
    this.name = "UnknownUnitError";
  }
}

export async function createLinkCode(
  prisma: PrismaClient,
  options: CreateLinkOptions,
): Promise<{ code: string; expiresAt: Date; unit: Unit | null }> {
  // Unit codes are case-insensitive, as in chat ("stp" is STP).
  const unit = options.unitCode
    ? await prisma.unit.findFirst({
        where: { code: { equals: options.unitCode.trim(), mode: "insensitive" } },
      })
    : null;
  if (options.unitCode && !unit) throw new UnknownUnitError(options.unitCode);
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000);
  const code = newLinkCode();
  await prisma.$transaction(async (tx) => {
    await tx.linkCode.create({
      data: {
        code,
        unitId: unit?.id ?? null,
        role: options.role,
        chatPurpose: options.purpose ?? "none",
        expiresAt,
        createdBy: options.createdBy,
      },
    });
    await audit(
      tx,
      {
        actor: options.createdBy,
        action: "link.create",
        subject: unit?.code,
        details: {
          role: options.role,
          purpose: options.purpose ?? "none",
          expiresAt: expiresAt.toISOString(),
        },
      },
      options.now,
    );
  });
  return { code, expiresAt, unit };
}

export type RedeemResult =
  | { ok: true; role: Role; unit: Unit | null; purpose: "none" | "leadership" | "secretariat" }
  | { ok: false; reason: "unknown" | "used" | "expired" | "group_only" | "private_only" };

/** Use a one-time code: binds the account (private chat) or the group chat (leadership, secretariat). */
export async function redeemLinkCode(
  prisma: PrismaClient,
  input: { code: string; account: Account; chat: Chat; now: Date },
): Promise<RedeemResult> {
  const code = input.code.trim().toUpperCase();
  forgetSeen();
  return prisma
    .$transaction(async (tx) => {
      const link = await tx.linkCode.findUnique({ where: { code }, include: { unit: true } });
      const actor = actorOf(input.account);
      if (!link) {
        await audit(
          tx,
          { actor, action: "link.refused", details: { reason: "unknown" } },
          input.now,
        );
        return { ok: false as const, reason: "unknown" as const };
      }
      // A group's code (leadership, secretariat) binds a group, a personal code a person: in the
      // wrong kind of chat it is refused and stays usable (a leadership code redeemed in a
      // private chat used to make that person a leader of every unit).
      const wrongChat =
        link.chatPurpose !== "none"
          ? input.chat.kind === "group"
            ? undefined
            : ("group_only" as const)
          : input.chat.kind === "private"
            ? undefined
            : ("private_only" as const);
      if (wrongChat) {
        await audit(
          tx,
          { actor, action: "link.refused", subject: code, details: { reason: wrongChat } },
          input.now,
        );
        return { ok: false as const, reason: wrongChat };
      }
      // Atomic claim: of two simultaneous redeemers only one updates the row.
      const claimed = await tx.linkCode.updateMany({
        where: { code, usedAt: null, expiresAt: { gt: input.now } },
        data: { usedAt: input.now, usedByAccountId: input.account.id },
      });
      if (claimed.count === 0) {
        const reason = link.usedAt ? ("used" as const) : ("expired" as const);
        await audit(
          tx,
          { actor, action: "link.refused", subject: code, details: { reason } },
          input.now,
        );
        return { ok: false as const, reason };
      }
      if (link.chatPurpose !== "none") {
        await tx.chat.update({
          where: { id: input.chat.id },
          data: { purpose: link.chatPurpose, unitScope: link.unit ? [link.unit.code] : [] },
        });
      } else {
        await tx.account.update({
          where: { id: input.account.id },
          data: { role: link.role, unitId: link.unitId },
        });
      }
      await audit(
        tx,
        {
          actor,
          action: "link.redeemed",
          subject: link.unit?.code,
          details: { role: link.role, purpose: link.chatPurpose },
        },
        input.now,
      );
      return { ok: true as const, role: link.role, unit: link.unit, purpose: link.chatPurpose };
    })
    .finally(forgetSeen);
}

/** Accounts and chats as commands and the router see them. */
export interface AccountService {
  /** The account and chat behind a message (touchAccountCached). */
  touch(seen: SeenSender): Promise<{ account: AccountWithUnit; chat: Chat }>;
  /** The role stored now, not a cached one; undefined when the account is gone. */
  currentRole(accountId: number): Promise<Role | undefined>;
  redeemLinkCode(input: {
    code: string;
    account: Account;
    chat: Chat;
    now: Date;
  }): Promise<RedeemResult>;
}

export function accountService(prisma: PrismaClient): AccountService {
  return {
    touch: (seen) => touchAccountCached(prisma, seen),
    currentRole: async (accountId) => {
      const account = await prisma.account.findUnique({
        where: { id: accountId },
        select: { role: true },
      });
      return account?.role;
    },
    redeemLinkCode: (input) => redeemLinkCode(prisma, input),
  };
}
