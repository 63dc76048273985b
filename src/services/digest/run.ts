import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { WorkCalendar } from "../../domain/calendar/index.js";
import { lastCompleteWeek } from "../../domain/digest/period.js";
import { latestDigestSlot, type DigestSchedule } from "../../domain/digest/schedule.js";
import type { DigestPeriod, DigestState } from "../../domain/digest/types.js";
import { t, type Locale } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { FileStore } from "../files.js";
import { enqueue, type OutgoingPayload } from "../outbox.js";
import {
  chartGoesTo,
  chartPath,
  chartUndeliveredNote,
  digestPayloads,
  prepareDigest,
  type PreparedDigest,
} from "./compose.js";
import { digestSchedule } from "./cron.js";
import { loadDigestState } from "./load.js";
import { DEFAULT_DIGEST_CRON, listDigestTargets, type DigestTarget } from "./targets.js";

export interface DigestDeps {
  prisma: PrismaClient;
  calendar: WorkCalendar;
  logger: Logger;
  /** DATA_DIR: charts are written under DATA_DIR/digest. */
  dataDir: string;
  /** Expiring links, for channels that take files as links (needs PUBLIC_BASE_URL); without them their digests go without the chart, and say so. */
  files?: FileStore;
  locale?: Locale;
}

export interface DigestRunOptions {
  /** Build and return the messages, write nothing. */
  dryRun?: boolean;
  /** Only this target ("chat:telegram:-100…", "account:12"). */
  target?: string;
  /** Ignore the schedule: the last whole week before `at`, for every target. */
  force?: boolean;
}

export type TargetState = "not_due" | "already" | "queued" | "dry_run";

export interface TargetOutcome {
  target: DigestTarget;
  state: TargetState;
  period?: DigestPeriod;
  messages: OutgoingPayload[];
}

function scheduleOf(target: DigestTarget, deps: DigestDeps): DigestSchedule {
  try {
    return digestSchedule(target.cron);
  } catch {
    deps.logger.warn(
      { target: target.key, cron: target.cron },
      t("digest.badCron", { cron: target.cron, target: target.key }),
    );
    return digestSchedule(DEFAULT_DIGEST_CRON);
  }
}

/** "all", or a short hash of the unit ids a target follows. */
function scopeKey(target: DigestTarget): string {
  if (target.unitIds === null) return "all";
  const ids = [...target.unitIds].sort((a, b) => a - b).join(",");
  return `units-${createHash("sha256").update(ids).digest("hex").slice(0, 16)}`;
}

export const dedupeKeyOf = (target: DigestTarget, periodKey: string, part: string) =>
  `digest:${target.key}:${periodKey}:${part}`;

/**
 * The weekly digest at `at`: for every target whose schedule has come (the next working day
 * when it falls on a holiday) and whose digest for that period is not recorded yet, build the
 * digest and, in ONE transaction, record DigestRun(target, period) and queue its messages.
 * The unique (target, period) row makes a second tick, a restart or a second replica a no-op.
 */
export async function runDigests(
  deps: DigestDeps,
  at: Date,
  options: DigestRunOptions = {},
): Promise<TargetOutcome[]> {
  const { prisma } = deps;
  const targets = (await listDigestTargets(prisma)).filter(
    (target) => options.target === undefined || target.key === options.target,
  );
  const outcomes: TargetOutcome[] = targets.map((target) => {
    const period = options.force
      ? lastCompleteWeek(at)
      : latestDigestSlot(scheduleOf(target, deps), at, deps.calendar)?.period;
    return period
      ? { target, state: "queued", period, messages: [] }
      : { target, state: "not_due", messages: [] };
  });
  const due = outcomes.filter((o) => o.period !== undefined);
  if (due.length === 0) return outcomes;

  const done = await prisma.digestRun.findMany({
    where: {
      targetKey: { in: due.map((d) => d.target.key) },
      periodKey: { in: [...new Set(due.map((d) => d.period?.key ?? ""))] },
    },
    select: { targetKey: true, periodKey: true },
  });
  const sent = new Set(done.map((run) => `${run.targetKey}|${run.periodKey}`));
  let state: DigestState | undefined;
  const builds = new Map<string, PreparedDigest>();

  for (const outcome of due) {
    const { target, period } = outcome;
    if (!period) continue;
    if (sent.has(`${target.key}|${period.key}`)) {
      outcome.state = "already";
      continue;
    }
    state ??= await loadDigestState(prisma);
    const locale = target.locale ?? deps.locale;
    // Targets that follow the same units share one build and one chart file.
    const scope = scopeKey(target);
    // The text says a chart is attached only where one can go (a link needs PUBLIC_BASE_URL).
    const chart = chartGoesTo(target.channel, deps.files);
    const cacheKey = `${period.key}|${locale ?? ""}|${scope}|${target.scopeNames.join("|")}|${chart}`;
    const prepared =
      builds.get(cacheKey) ?? prepareDigest(state, target, period, locale, { chart });
    builds.set(cacheKey, prepared);
    outcome.messages = await digestPayloads(prepared, {
      channel: target.channel,
      chartFile: chartPath(deps.dataDir, period.key, `${scope}-${locale ?? "default"}`),
      ...(locale ? { locale } : {}),
      ...(deps.files ? { files: deps.files } : {}),
      ...(options.dryRun ? { dryRun: true } : {}),
    });
    if (options.dryRun) {
      outcome.state = "dry_run";
      continue;
    }
    const messages = outcome.messages;
    const queued = await prisma.$transaction(async (tx) => {
      const { count } = await tx.digestRun.createMany({
        data: [{ targetKey: target.key, periodKey: period.key, createdAt: at }],
        skipDuplicates: true,
      });
      if (count === 0) return false; // another replica or tick got there first
      for (const [index, payload] of messages.entries()) {
        await enqueue(
          tx,
          {
            channel: target.channel,
            chatId: target.chatId,
            payload,
            purpose: `digest:${target.key}:${period.key}`,
            dedupeKey: dedupeKeyOf(target, period.key, payload.photo ? "chart" : String(index + 1)),
            // The text says "gửi kèm" only with this row queued beside it; should the chart
            // finally fail, the group is told instead.
            ...(payload.photo ? { ifUndelivered: chartUndeliveredNote(prepared, locale) } : {}),
          },
          at,
        );
      }
      return true;
    });
    outcome.state = queued ? "queued" : "already";
    if (!queued) outcome.messages = [];
  }
  return outcomes;
}
