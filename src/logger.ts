import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

const REDACTED = "[redacted]";

/** Key paths that hold secrets wherever they appear in a log object. */
const redactPaths = [
  "token",
  "*.token",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "headers.authorization",
  'headers["x-telegram-bot-api-secret-token"]',
  'headers["x-bot-api-secret-token"]',
  "*.headers.authorization",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-bot-api-secret-token"]',
];

export interface LoggerSettings {
  level: string;
  /** Secret values to scrub from every string logged (tokens appear inside URLs and errors). */
  secrets: string[];
  pretty?: boolean;
  destination?: pino.DestinationStream;
}

/** Replace every occurrence of each secret in a string. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const value of secrets) {
    if (value.length > 0 && out.includes(value)) out = out.split(value).join(REDACTED);
  }
  return out;
}

function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrub(value, secrets);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrub(value.message, secrets),
      stack: value.stack ? scrub(value.stack, secrets) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, secrets, depth + 1);
  return out;
}

/**
 * Logs go to stderr so that the console channel's stdout carries only the conversation.
 * JSON in production; readable lines on a terminal.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const secrets = [...settings.secrets];
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: redactPaths, censor: REDACTED },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((arg) => scrubDeep(arg, secrets)) as Parameters<typeof method>;
        method.apply(this, cleaned);
      },
    },
    serializers: {
      err: (err: unknown) => scrubDeep(err, secrets),
    },
  };
  if (settings.destination) return pino(options, settings.destination);
  if (settings.pretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        options: {
          destination: 2,
          colorize: true,
          translateTime: "SYS:HH:MM:ss",
          ignore: "pid,hostname",
        },
      },
    });
  }
  return pino(options, pino.destination(2));
}
