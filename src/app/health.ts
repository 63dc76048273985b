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
}

/** /healthz once the bot runs: the database answers, which channels run, the inbox backlog. */
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
    return {
      ok: database === "ok",
      database,
      mode: deps.db.mode,
      channels: deps.channels(),
      ...(inboundPending === undefined ? {} : { inboundPending }),
    };
  };
}
