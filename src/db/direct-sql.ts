/**
 * The webhook path's few statements, run on the driver itself (pg's pool, or PGlite) instead of
 * through Prisma's raw query API, which prepares every call in its query compiler: on the
 * benchmark that was most of the webhook path's database cost. The SQL is the same `Prisma.sql`
 * template either way; a client with no driver registered (a transaction, a test double) runs it
 * through Prisma as before. Results come back as the driver parses them: select timestamps as
 * timestamptz (`AT TIME ZONE 'UTC'`), never bare TIMESTAMP, which pg would read in local time.
 */
import type { Prisma, PrismaClient } from "@prisma/client";

export interface DirectDriver {
  rows<T>(text: string, values: unknown[]): Promise<T[]>;
  execute(text: string, values: unknown[]): Promise<number>;
}

const drivers = new WeakMap<object, DirectDriver>();

export function registerDirectDriver(prisma: PrismaClient, driver: DirectDriver): void {
  drivers.set(prisma, driver);
}

export function directRows<T>(prisma: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  const driver = drivers.get(prisma);
  return driver ? driver.rows<T>(query.text, query.values) : prisma.$queryRaw<T[]>(query);
}

export function directExecute(prisma: PrismaClient, query: Prisma.Sql): Promise<number> {
  const driver = drivers.get(prisma);
  return driver ? driver.execute(query.text, query.values) : prisma.$executeRaw(query);
}
