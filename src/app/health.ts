import type { ChannelName } from "../core/messages.js";
import { within, type Database } from "../db/client.js";
import type { HealthReport } from "../http/server.js";
import { countPendingInbound } from "../services/inbound.js";

/** How long /healthz waits for each database question (two at most: it answers within a second). */
export const HEALTH_DATABASE_MS = 450;

export interface HealthDeps {
  db: Database;
  channels: () => ChannelName[];
  /** True when webhook updates are handled from the inbox (then its backlog is reported). */
  inboxInUse: () => boolean;
  /** Channels whose platform has not answered at start yet (src/app/channel-starts.ts). */
  waitingFor?: () => ChannelName[];
}

/**
 * /healthz once the bot runs: the database answers, which channels run, the inbox backlog, and
 * each platform still waited for at start (`"telegram": "waiting"`): 503 until all are there.
 */
export function healthCheck(deps: HealthDeps): () => Promise<HealthReport> {
  return async () => {
    // Answer within a second whatever the database does (a silent partition included).
    const database = (await deps.db.ping(HEALTH_DATABASE_MS)) ? "ok" : "unavailable";
    const inboundPending =
      deps.inboxInUse() && database === "ok"
        ? await within(
            countPendingInbound(deps.db.prisma).catch(() => undefined),
            HEALTH_DATABASE_MS,
            undefined,
          )
        : undefined;
    const waiting = deps.waitingFor?.() ?? [];
    return {
      ok: database === "ok" && waiting.length === 0,
      database,
      ...Object.fromEntries(waiting.map((name) => [name, "waiting"])),
      mode: deps.db.mode,
      channels: deps.channels(),
      ...(inboundPending === undefined ? {} : { inboundPending }),
    };
  };
}
