import { createRequire } from "node:module";
import type * as Resvg from "@resvg/resvg-js";
import type * as Echarts from "echarts";
import { VIETNAMESE, type Digest, type UnitFigures } from "../../domain/digest/build.js";
import { formatDate } from "../../domain/calendar/format.js";
import { BUCKETS, type Bucket } from "../../domain/digest/types.js";
import { t, type Locale } from "../../i18n.js";
import { cutAtWord } from "../../domain/text/shorten.js";

const require = createRequire(import.meta.url);
/**
 * echarts and resvg are loaded when the first chart is drawn, so start-up does not pay for them
 * (echarts alone: about 1.8 s and 40 MB on a busy 2-core machine). require() keeps this function
 * synchronous; it loads echarts' CommonJS bundle.
 */
let chartModules: { echarts: typeof Echarts; Resvg: typeof Resvg.Resvg } | undefined;
function loadChartModules() {
  chartModules ??= {
    echarts: require("echarts") as typeof Echarts,
    Resvg: (require("@resvg/resvg-js") as typeof Resvg).Resvg,
  };
  return chartModules;
}
const FONT_FAMILY = "Be Vietnam Pro";
const FONT_FILES = [
  require.resolve("@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf"),
  require.resolve("@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf"),
];

/** Layout width in CSS pixels; the PNG is drawn at CHART_SCALE for phone screens. */
export const CHART_WIDTH = 1000;
export const CHART_SCALE = 2;
/** Units drawn at most; the rest are in /xuatexcel. */
export const CHART_MAX_UNITS = 20;
const LABEL_MAX = 34;

const COLORS: Record<Bucket, string> = {
  doneOnTime: "#2e7d32",
  doneLate: "#9ccc65",
  openInTime: "#1e88e5",
  openLate: "#e53935",
};

export interface RenderedChart {
  png: Buffer;
  /** The SVG the PNG was drawn from (its text is what the picture says). */
  svg: string;
  /** PNG size in pixels. */
  width: number;
  height: number;
}

/** Layout height for a number of unit rows (title, legend and axis around the bars). */
export function chartHeight(rows: number): number {
  return Math.max(320, 150 + 32 * rows);
}

/** Units with the most overdue tasks first, then the most tasks; units with nothing are left out. */
export function chartRows(byUnit: readonly UnitFigures[], max = CHART_MAX_UNITS): UnitFigures[] {
  const total = (u: UnitFigures) => BUCKETS.reduce((s, b) => s + u.counts[b], 0);
  return byUnit
    .filter((u) => total(u) > 0)
    .sort(
      (a, b) =>
        b.counts.openLate - a.counts.openLate ||
        total(b) - total(a) ||
        VIETNAMESE.compare(a.name, b.name),
    )
    .slice(0, max);
}

function label(name: string): string {
  return cutAtWord(name, LABEL_MAX);
}

/**
 * Stacked horizontal bars, one per unit, split into the four official buckets, with Vietnamese
 * labels drawn in Be Vietnam Pro (shipped in an npm package, so no system font is needed).
 * Undefined when no unit has a task with a deadline.
 */
export function renderDigestChart(digest: Digest, locale?: Locale): RenderedChart | undefined {
  const rows = chartRows(digest.byUnit);
  if (rows.length === 0) return undefined;
  const unitsWithTasks = digest.byUnit.filter((u) => BUCKETS.some((b) => u.counts[b] > 0)).length;
  const week = Number(digest.period.key.slice(6));
  const year = digest.period.key.slice(0, 4);
  const date = formatDate(digest.period.complete ? digest.period.end : digest.today);
  const height = chartHeight(rows.length);
  const { echarts, Resvg } = loadChartModules();
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: CHART_WIDTH,
    height,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: FONT_FAMILY, color: "#222222" },
      title: {
        text: t("digest.chart.title", { week, year }, locale),
        subtext:
          rows.length < unitsWithTasks
            ? t(
                "digest.chart.subtitleTop",
                { shown: rows.length, count: unitsWithTasks, date },
                locale,
              )
            : t("digest.chart.subtitleAll", { count: unitsWithTasks, date }, locale),
        left: "center",
        top: 12,
        textStyle: { fontFamily: FONT_FAMILY, fontWeight: "bold", fontSize: 20 },
        subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 13, color: "#555555" },
      },
      legend: {
        bottom: 12,
        itemGap: 18,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 13 },
      },
      grid: { left: 16, right: 32, top: 86, bottom: 72, containLabel: true },
      xAxis: {
        type: "value",
        minInterval: 1,
        name: t("digest.chart.axis", {}, locale),
        nameLocation: "middle",
        nameGap: 26,
        axisLabel: { fontFamily: FONT_FAMILY },
      },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((u) => label(u.name)),
        axisLabel: { fontFamily: FONT_FAMILY, fontSize: 13 },
      },
      series: BUCKETS.map((bucket) => ({
        name: t(`digest.bucket.${bucket}`, {}, locale),
        type: "bar" as const,
        stack: "buckets",
        barMaxWidth: 22,
        itemStyle: { color: COLORS[bucket] },
        data: rows.map((u) => u.counts[bucket]),
      })),
    });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: "zoom", value: CHART_SCALE },
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    })
      .render()
      .asPng();
    return { png, svg, width: CHART_WIDTH * CHART_SCALE, height: height * CHART_SCALE };
  } finally {
    chart.dispose();
  }
}
