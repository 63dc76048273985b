import { randomInt } from "node:crypto";
import type { Account, Chat, PrismaClient, Role, Unit } from "@prisma/client";
import type { ChannelName, ChatKind } from "../channels/types.js";
import { actorOf, audit } from "./audit.js";

export type AccountWithUnit = Account & { unit: Unit | null };

export interface SeenSender {
  channel: ChannelName;
  externalId: string;
  displayName: string;
  chatId: string;
  chatKind: ChatKind;
  chatTitle?: string;
}

/**
 * Find or create the account and chat behind a message; keeps names and private chat ids fresh.
 * Reads first and writes only what changed: this runs for every incoming message.
 */
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
  let account = existingAccount;
  if (
    !account ||
    account.displayName !== displayName ||
    (privateChatId && account.privateChatId !== privateChatId)
  ) {
    const fresh = { displayName, ...(privateChatId ? { privateChatId } : {}) };
    account = await prisma.account.upsert({
      where: accountKey,
      create: { channel: seen.channel, externalId: seen.externalId, ...fresh },
      update: fresh,
      include: { unit: true },
    });
  }
  let chat = existingChat;
  if (!chat || (seen.chatTitle && chat.title !== seen.chatTitle)) {
    chat = await prisma.chat.upsert({
      where: chatKey,
      create: {
        channel: seen.channel,
        externalId: seen.chatId,
        kind: seen.chatKind,
        title: seen.chatTitle ?? null,
      },
      update: seen.chatTitle ? { title: seen.chatTitle } : {},
    });
  }
  return { account, chat };
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
  const unit = options.unitCode
    ? await prisma.unit.findUnique({ where: { code: options.unitCode } })
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
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** Use a one-time code: binds the account (private chat) or the group chat (leadership, secretariat). */
export async function redeemLinkCode(
  prisma: PrismaClient,
  input: { code: string; account: Account; chat: Chat; now: Date },
): Promise<RedeemResult> {
  const code = input.code.trim().toUpperCase();
  return prisma.$transaction(async (tx) => {
    const link = await tx.linkCode.findUnique({ where: { code }, include: { unit: true } });
    const actor = actorOf(input.account);
    if (!link) {
      await audit(tx, { actor, action: "link.refused", details: { reason: "unknown" } }, input.now);
      return { ok: false as const, reason: "unknown" as const };
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
    if (link.chatPurpose !== "none" && input.chat.kind === "group") {
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
  });
}
