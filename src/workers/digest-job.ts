import { localDateOf } from "../domain/calendar/index.js";
import { join } from "node:path";
import { createFileStore, pruneOldFiles } from "../services/files.js";
import { runDigests, type DigestDeps } from "../services/digest/run.js";

/** Charts are kept past their links' lifetime and the outbox's retries; workbooks a little longer than their link. */
const KEEP_CHARTS_MS = 30 * 24 * 3_600_000;
const KEEP_EXPORTS_MS = 2 * 24 * 3_600_000;

export interface DigestJobDeps extends Omit<DigestDeps, "files"> {
  /** PUBLIC_BASE_URL: Zalo digests carry the chart as an expiring link under it. */
  publicBaseUrl?: string | undefined;
  files?: DigestDeps["files"];
}

/**
 * The scheduler job: every tick, send the digests whose time has come (see runDigests);
 * once a day, forget expired file links.
 */
export function createDigestJob(deps: DigestJobDeps): {
  name: string;
  run(at: Date): Promise<void>;
} {
  const files =
    deps.files ?? createFileStore({ dataDir: deps.dataDir, publicBaseUrl: deps.publicBaseUrl });
  let prunedOn: string | undefined;
  return {
    name: "digest",
    async run(at) {
      const outcomes = await runDigests({ ...deps, files }, at);
      for (const outcome of outcomes) {
        if (outcome.state !== "queued") continue;
        deps.logger.info(
          {
            target: outcome.target.key,
            period: outcome.period?.key,
            messages: outcome.messages.length,
          },
          "weekly digest queued",
        );
      }
      const today = localDateOf(at);
      if (prunedOn !== today) {
        prunedOn = today;
        const now = new Date();
        await files.prune(now);
        await pruneOldFiles(join(deps.dataDir, "digest"), new Date(now.getTime() - KEEP_CHARTS_MS));
        await pruneOldFiles(
          join(deps.dataDir, "exports"),
          new Date(now.getTime() - KEEP_EXPORTS_MS),
        );
      }
    },
  };
}
