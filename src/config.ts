import { isTranslationKey, t } from "./i18n.js";
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

const optionalUrl = (protocols: string[]) =>
  z.preprocess((value) => (value === "" ? undefined : value), url(protocols).optional());

const secret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,256}$/, "must be 8–256 characters of A–Z, a–z, 0–9, _ or -");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: optionalUrl(["postgresql:", "postgres:"]),
    DATA_DIR: z.string().trim().min(1).default("./var"),
    TELEGRAM_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^[^\s/]+$/, "must be the token BotFather gave (no spaces or slashes)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalUrl(["http:", "https:"]),
    TELEGRAM_WEBHOOK_URL: optionalUrl(["https:", "http:"]),
    TELEGRAM_WEBHOOK_SECRET: z.preprocess((v) => (v === "" ? undefined : v), secret.optional()),
    ZALO_BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^[^\s/:]+:[^\s/]+$/, "must look like <bot id>:<secret>")
        .optional(),
    ),
    ZALO_API_ROOT: optionalUrl(["http:", "https:"]),
    ZALO_WEBHOOK_URL: optionalUrl(["https:", "http:"]),
    ZALO_WEBHOOK_SECRET: z.preprocess((v) => (v === "" ? undefined : v), secret.optional()),
    PUBLIC_BASE_URL: optionalUrl(["https:", "http:"]),
    PORT: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ message: "must be a whole number from 1 to 65535" })
        .int("must be a whole number from 1 to 65535")
        .min(1, "must be a whole number from 1 to 65535")
        .max(65535, "must be a whole number from 1 to 65535")
        .optional(),
    ),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    BOT_LOCALE: z.enum(["vi", "en"]).default("vi"),
    AUDIT_RETENTION_DAYS: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ message: "must be a whole number of days (at least 30)" })
        .int("must be a whole number of days (at least 30)")
        .min(30, "must be a whole number of days (at least 30)")
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "is required when TELEGRAM_WEBHOOK_URL is set",
      });
    }
    if (env.ZALO_WEBHOOK_URL && !env.ZALO_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["ZALO_WEBHOOK_SECRET"],
        message: "is required when ZALO_WEBHOOK_URL is set",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** A chat platform's settings: on when its token is set; webhook when URL and secret are. */
export interface PlatformSettings {
  token: string;
  apiRoot: string | undefined;
  webhook: { url: string; secret: string } | undefined;
}

function platformSettings(
  token: string | undefined,
  apiRoot: string | undefined,
  webhookUrl: string | undefined,
  webhookSecret: string | undefined,
): PlatformSettings | undefined {
  if (!token) return undefined;
  const webhook =
    webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined;
  return { token, apiRoot, webhook };
}

export interface Config {
  env: Env["NODE_ENV"];
  databaseUrl: string | undefined;
  dataDir: string;
  telegram: PlatformSettings | undefined;
  zalo: PlatformSettings | undefined;
  publicBaseUrl: string | undefined;
  port: number | undefined;
  logLevel: Env["LOG_LEVEL"];
  locale: Env["BOT_LOCALE"];
  /** Audit lines older than this many days are deleted daily; undefined keeps everything. */
  auditRetentionDays: number | undefined;
  /** Every secret value, so that the logger can scrub them wherever they appear. */
  secrets: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validate the environment once; throws ConfigError naming every problem. */
export function loadConfig(source: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      const raw = typeof issue.path[0] === "string" ? source[issue.path[0]] : undefined;
      const shown =
        raw === undefined || /TOKEN|SECRET|DATABASE_URL/.test(name)
          ? ""
          : t("config.got", { value: raw });
      // One Vietnamese sentence per variable (what it must be); zod's English only as a fallback.
      const key = `config.problem.${name}`;
      const said = isTranslationKey(key) ? t(key) : issue.message;
      return `${name} ${said}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const telegram = platformSettings(
    env.TELEGRAM_BOT_TOKEN,
    env.TELEGRAM_API_ROOT,
    env.TELEGRAM_WEBHOOK_URL,
    env.TELEGRAM_WEBHOOK_SECRET,
  );
  const zalo = platformSettings(
    env.ZALO_BOT_TOKEN,
    env.ZALO_API_ROOT,
    env.ZALO_WEBHOOK_URL,
    env.ZALO_WEBHOOK_SECRET,
  );
  const secrets = [
    env.TELEGRAM_BOT_TOKEN,
    env.TELEGRAM_WEBHOOK_SECRET,
    env.ZALO_BOT_TOKEN,
    env.ZALO_WEBHOOK_SECRET,
    databasePassword(env.DATABASE_URL),
  ].filter((s): s is string => typeof s === "string" && s.length >= 4);
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    telegram,
    zalo,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    locale: env.BOT_LOCALE,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    secrets,
  };
}

function databasePassword(databaseUrl: string | undefined): string | undefined {
  if (!databaseUrl) return undefined;
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password === "" ? undefined : password;
  } catch {
    return undefined;
  }
}
