import { join } from "node:path";
import { capabilitiesOf } from "../../channels/capabilities.js";
import type { ChannelName } from "../../core/messages.js";
import { buildDigest, type Digest } from "../../domain/digest/build.js";
import { digestDocument, type DigestDocument } from "../../domain/digest/document.js";
import { scopeState } from "../../domain/digest/scope.js";
import type { DigestPeriod, DigestState } from "../../domain/digest/types.js";
import { t, type Locale } from "../../i18n.js";
import { writeFileAtomic, type FileStore } from "../files.js";
import type { OutgoingPayload } from "../outbox.js";
import { renderDigestChart, type RenderedChart } from "../../presentation/digest/chart.js";
import { renderDigest } from "../../presentation/digest/render.js";

/** Chart links live a week: long enough for a delayed outbox, short enough to be a link, not an archive. */
export const CHART_LINK_TTL_MS = 7 * 24 * 3_600_000;

export interface DigestScope {
  /** Unit ids; null = every unit. */
  unitIds: ReadonlySet<number> | null;
  /** Names the scope was given by (empty when all units). */
  scopeNames: string[];
}

export interface PreparedDigest {
  digest: Digest;
  document: DigestDocument;
  chart: RenderedChart | undefined;
}

/**
 * Whether a chart can reach a channel: uploaded or written locally, or as a link where files go
 * as links (which needs PUBLIC_BASE_URL). The text mentions the chart only when it goes.
 */
export function chartGoesTo(channel: ChannelName, files: FileStore | undefined): boolean {
  return capabilitiesOf(channel).files !== "link" || files?.linksEnabled === true;
}

/** Figures, text and chart of one scope over one period (no chart when `chart` is false). */
export function prepareDigest(
  state: DigestState,
  scope: DigestScope,
  period: DigestPeriod,
  locale?: Locale,
  options: { chart?: boolean } = {},
): PreparedDigest {
  const digest = buildDigest(scopeState(state, scope.unitIds), period);
  const chart = options.chart === false ? undefined : renderDigestChart(digest, locale);
  const document = digestDocument(digest, {
    scope: scope.unitIds === null ? { all: true } : { all: false, names: scope.scopeNames },
    withChart: chart !== undefined,
  });
  return { digest, document, chart };
}

/** DATA_DIR/digest/<period>/<name>.png — runtime files never go in the repository's data/. */
export function chartPath(dataDir: string, periodKey: string, name: string): string {
  return join(dataDir, "digest", periodKey, `${name.replace(/[^A-Za-z0-9_-]/g, "_")}.png`);
}

/** The digest's ISO week as the chart's words give it ("2024-W25" → week 25, year 2024). */
function weekOf(prepared: PreparedDigest): { week: number; year: string } {
  const key = prepared.digest.period.key;
  return { week: Number(key.slice(6)), year: key.slice(0, 4) };
}

/** Sent in the chart's place should it finally fail: what is missing and how to get it. */
export function chartUndeliveredNote(prepared: PreparedDigest, locale?: Locale): string {
  return t("digest.chart.undelivered", weekOf(prepared), locale);
}

export interface PayloadOptions {
  channel: ChannelName;
  locale?: Locale;
  /** Where the chart PNG goes. */
  chartFile: string;
  /** For channels that take files as links; without a public base URL the chart is left out. */
  files?: FileStore;
  /** Write nothing (chart file, link): for dry runs. */
  dryRun?: boolean;
}

/**
 * The messages of a digest for one channel: the text in parts within the channel's text limit
 * (with its markup), then the chart — uploaded, or an expiring link where files go as links.
 */
export async function digestPayloads(
  prepared: PreparedDigest,
  options: PayloadOptions,
): Promise<OutgoingPayload[]> {
  const payloads: OutgoingPayload[] = renderDigest(
    prepared.document,
    options.channel,
    options.locale,
  ).map((part) => (part.format === "html" ? part : { text: part.text }));
  const { chart } = prepared;
  if (!chart) return payloads;
  const caption = t("digest.chart.caption", weekOf(prepared), options.locale);
  if (capabilitiesOf(options.channel).files === "link") {
    const files = options.files;
    if (!files?.linksEnabled) return payloads;
    if (options.dryRun) {
      payloads.push({
        text: "",
        photo: { url: files.publicUrl("TOKEN", "bieu-do.png") ?? "", caption },
      });
      return payloads;
    }
    await writeFileAtomic(options.chartFile, chart.png);
    const token = await files.publishFile(options.chartFile, CHART_LINK_TTL_MS);
    payloads.push({
      text: "",
      photo: { url: files.publicUrl(token, "bieu-do.png") ?? "", caption },
    });
    return payloads;
  }
  if (!options.dryRun) await writeFileAtomic(options.chartFile, chart.png);
  payloads.push({ text: "", photo: { path: options.chartFile, caption } });
  return payloads;
}
