import type { PrismaClient } from "@prisma/client";
import type { CommandServices } from "../commands/types.js";
import { accountService } from "./services/accounts.js";
import { auditLog } from "./services/audit.js";
import { followUps } from "./services/conversations.js";
import { digestQueries } from "./services/digest/queries.js";
import { updateLog } from "./services/inbound.js";
import { outboxWriter } from "./services/outbox.js";
import { planImportService } from "./services/plan-import-pending.js";
import { planQueries } from "./services/plan-queries.js";
import { reminderReplies } from "./services/reminder-replies.js";
import { reportService } from "./services/reports.js";
import { taskQueries } from "./services/tasks.js";

/** What commands get besides the database-backed services. */
export type CommandServiceBase = Pick<
  CommandServices,
  "clock" | "logger" | "qa" | "dataDir" | "files" | "downloadFile"
>;

/** The services commands use, bound to one database (the composition root and tests call this). */
export function createCommandServices(
  prisma: PrismaClient,
  base: CommandServiceBase,
): CommandServices {
  return {
    ...base,
    updates: updateLog(prisma),
    accounts: accountService(prisma),
    audit: auditLog(prisma),
    reports: reportService(prisma),
    followUps: followUps(prisma),
    plans: planQueries(prisma),
    tasks: taskQueries(prisma),
    reminderReplies: reminderReplies(prisma),
    digest: digestQueries(prisma),
    outbox: outboxWriter(prisma),
    planImports: planImportService(prisma),
  };
}
