import type { Prisma, PrismaClient } from "@prisma/client";

type Tx = Prisma.TransactionClient | PrismaClient;

export interface AuditEntry {
  actor: string;
  action: string;
  subject?: string;
  details?: Prisma.InputJsonValue;
}

/** Append to the audit log, inside the caller's transaction when one is given. */
export async function audit(db: Tx, entry: AuditEntry, at: Date): Promise<void> {
  await db.auditLog.create({
    data: {
      at,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      ...(entry.details === undefined ? {} : { details: entry.details }),
    },
  });
}

export function actorOf(account: { channel: string; externalId: string }): string {
  return `${account.channel}:${account.externalId}`;
}

/** Delete audit lines older than the retention; returns how many went. */
export async function pruneAuditLog(
  db: PrismaClient,
  retentionDays: number,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 24 * 3_600_000);
  const { count } = await db.auditLog.deleteMany({ where: { at: { lt: before } } });
  return count;
}

/** The audit log as commands see it. */
export interface AuditLog {
  record(entry: AuditEntry, at: Date): Promise<void>;
}

export function auditLog(prisma: PrismaClient): AuditLog {
  return { record: (entry, at) => audit(prisma, entry, at) };
}
