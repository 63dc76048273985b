import type { WorkCalendar } from "../domain/calendar/index.js";
import { localDateOf } from "../domain/calendar/index.js";
import type { Database } from "../db/client.js";
import type { Locale } from "../i18n.js";
import type { Logger } from "../logger.js";
import { pruneAuditLog } from "../services/audit.js";
import { createDigestJob } from "../workers/digest-job.js";
import type { FileStore } from "../services/files.js";
import { syncOccurrences } from "../services/occurrences.js";
import { runReminders } from "../services/reminders.js";
import { pruneInbound } from "../services/inbound.js";
import type { Job } from "./scheduler.js";

/** Runs `work` at the first tick of each local day (and the first tick of the process). */
function daily(name: string, work: (at: Date) => Promise<void>): Job {
  let lastDay: string | undefined;
  return {
    name,
    async run(at) {
      const day = localDateOf(at);
      if (day === lastDay) return;
      await work(at);
      lastDay = day;
    },
  };
}

export interface JobDeps {
  db: Database;
  calendar: WorkCalendar;
  logger: Logger;
  locale?: Locale;
  auditRetentionDays?: number | undefined;
  /** For the digest: DATA_DIR (charts), PUBLIC_BASE_URL (links for Zalo), the link store. */
  dataDir?: string;
  publicBaseUrl?: string | undefined;
  files?: FileStore;
}

/** What a tick does, in order: new periods first, then the reminders they may need. */
export function createJobs(deps: JobDeps): Job[] {
  const { db, logger } = deps;
  const digest = createDigestJob({
    prisma: db.prisma,
    calendar: deps.calendar,
    logger,
    dataDir: deps.dataDir ?? "./var",
    publicBaseUrl: deps.publicBaseUrl,
    ...(deps.files ? { files: deps.files } : {}),
    ...(deps.locale ? { locale: deps.locale } : {}),
  });
  return [
    daily("occurrences", async (at) => {
      const result = await syncOccurrences(db.prisma, { now: at });
      if (result.added + result.updated > 0)
        logger.info({ ...result }, "occurrences brought up to date");
    }),
    {
      name: "reminders",
      async run(at) {
        const result = await runReminders(
          {
            prisma: db.prisma,
            calendar: deps.calendar,
            logger,
            ...(deps.locale ? { locale: deps.locale } : {}),
          },
          at,
        );
        if (result.queued + result.skipped > 0)
          logger.info({ ...result, at: at.toISOString() }, "reminders");
      },
    },
    digest,
    daily("prune", async (at) => {
      await pruneInbound(db.prisma, new Date(at.getTime() - 3 * 24 * 3_600_000));
      if (deps.auditRetentionDays) {
        const removed = await pruneAuditLog(db.prisma, deps.auditRetentionDays, at);
        if (removed > 0)
          logger.info({ removed, retentionDays: deps.auditRetentionDays }, "audit log pruned");
      }
    }),
  ];
}
