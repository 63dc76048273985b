import type { ChannelName } from "../channels/types.js";
import type { Database } from "../db/client.js";
import type { HealthReport } from "../http/server.js";
import { countPendingInbound } from "../services/inbound.js";

export interface HealthDeps {
  db: Database;
  channels: () => ChannelName[];
  /** True when webhook updates are handled from the inbox (then its backlog is reported). */
  inboxInUse: () => boolean;
}

/** /healthz once the bot runs: the database answers, which channels run, the inbox backlog. */
export function healthCheck(deps: HealthDeps): () => Promise<HealthReport> {
  return async () => {
    let database = "ok";
    let inboundPending: number | undefined;
    try {
      await deps.db.prisma.$queryRaw`SELECT 1`;
      if (deps.inboxInUse()) inboundPending = await countPendingInbound(deps.db.prisma);
    } catch {
      database = "unavailable";
    }
    return {
      ok: database === "ok",
      database,
      mode: deps.db.mode,
      channels: deps.channels(),
      ...(inboundPending === undefined ? {} : { inboundPending }),
    };
  };
}
