import { Prisma } from "@prisma/client";

/** A UTC instant as a SQL timestamp for raw queries (the columns are TIMESTAMP(3) holding UTC). */
export function utcTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
