import type { Readable, Writable } from "node:stream";
import { allCommands } from "../commands/index.js";
import { defaultFallbacks } from "../commands/fallbacks.js";
import { createRouter, type FallbackHandler } from "../commands/router.js";
import type { CommandServices } from "../commands/types.js";
import { ConsoleChannel, type ConsoleUser } from "./channels/console/channel.js";
import { TelegramChannel } from "./channels/telegram/channel.js";
import type {
  Channel,
  ChannelName,
  OutgoingMessage,
  SendResult,
  StoreInbound,
} from "./channels/types.js";
import { ZaloChannel } from "./channels/zalo/channel.js";
import { ZaloClient } from "./channels/zalo/client.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { startHttpServer, type HttpHandle, type WebhookRoute } from "./http/server.js";
import { t } from "./i18n.js";
import { createJobs } from "./scheduler/jobs.js";
import { startScheduler } from "./scheduler/scheduler.js";
import { createFileStore, FILES_PREFIX } from "./services/files.js";
import { countPendingInbound, storeInbound } from "./services/inbound.js";
import { releaseOrphanedLeases } from "./services/leases.js";
import { createInboundWorker, type InboundWorker } from "./services/inbound-worker.js";
import { createOutboxSender } from "./services/outbox-sender.js";
import { loadQaEngine } from "./services/qa.js";
import { notifySecretariat } from "./services/secretariat.js";
import { loadWorkCalendar } from "./services/work-calendar.js";
import type { Logger } from "./logger.js";

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** Console channel settings; used when no platform token is configured. */
  console?: { input: Readable; output: Writable; user: ConsoleUser };
  fallbacks?: FallbackHandler[];
  /** Run the minute tick and the outbox sender (off in tests that drive ticks themselves). */
  background?: boolean;
  /** An HTTP server already listening (main starts it before the database is open). */
  http?: HttpHandle;
}

export interface App {
  channels: Map<ChannelName, Channel>;
  send(channel: ChannelName, message: OutgoingMessage): Promise<SendResult>;
  http: HttpHandle | undefined;
  /** Resolves when the console channel's input has ended. */
  consoleEnded: Promise<void>;
  stop(): Promise<void>;
}

export function commandMenu(locale: Config["locale"]) {
  return allCommands
    .filter((command) => command.menu)
    .map((command) => ({
      command: command.names[0],
      description: t(command.description, {}, locale),
    }));
}

/** The port to serve webhooks and /healthz on; undefined when nothing needs HTTP. */
export function httpPort(config: Config): number | undefined {
  const webhook = config.telegram?.webhook ?? config.zalo?.webhook;
  return config.port ?? (webhook ? 8080 : undefined);
}

/** Build the channels and the router, open intake. Shut down with stop() (safe to call twice). */
export async function startApp(options: AppOptions): Promise<App> {
  const { config, db, logger, clock } = options;
  const channels = new Map<ChannelName, Channel>();
  const webhooks: WebhookRoute[] = [];
  let resolveConsoleEnded: () => void = () => undefined;
  const consoleEnded = new Promise<void>((resolve) => {
    resolveConsoleEnded = resolve;
  });
  // Webhook updates are stored first and handled by the inbound worker (created below).
  let inbound: InboundWorker | undefined;
  const storeFor =
    (channel: ChannelName): StoreInbound =>
    async (updateId, payload) => {
      const fresh = await storeInbound(db.prisma, channel, updateId, payload, clock.now());
      if (fresh) inbound?.wake();
      return fresh;
    };

  if (config.telegram) {
    const telegram = new TelegramChannel({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      webhook: config.telegram.webhook,
      ...(config.telegram.webhook ? { storeInbound: storeFor("telegram") } : {}),
      menu: commandMenu(config.locale),
      logger: logger.child({ channel: "telegram" }),
    });
    channels.set("telegram", telegram);
    if (config.telegram.webhook) {
      webhooks.push({
        path: new URL(config.telegram.webhook.url).pathname,
        handle: (headers, body) => telegram.handleWebhook(headers, body),
      });
    }
  }
  if (config.zalo) {
    const zalo = new ZaloChannel({
      client: new ZaloClient({
        token: config.zalo.token,
        ...(config.zalo.apiRoot ? { apiRoot: config.zalo.apiRoot } : {}),
      }),
      logger: logger.child({ channel: "zalo" }),
      ...(config.zalo.webhook
        ? { webhook: config.zalo.webhook, storeInbound: storeFor("zalo") }
        : {}),
    });
    channels.set("zalo", zalo);
    if (config.zalo.webhook) {
      webhooks.push({
        path: new URL(config.zalo.webhook.url).pathname,
        handle: (headers, body) => zalo.handleWebhook(headers, body),
      });
    }
  }
  if (channels.size === 0 && options.console) {
    channels.set(
      "console",
      new ConsoleChannel({
        input: options.console.input,
        output: options.console.output,
        user: options.console.user,
        onEnd: () => resolveConsoleEnded(),
      }),
    );
  }

  if (db.mode === "embedded") {
    // Only one process can hold the embedded folder: leases of an earlier one are orphans.
    const released = await releaseOrphanedLeases(db.prisma, clock.now());
    if (released.outbox + released.inbound > 0) {
      logger.warn(released, "took back work left in flight by a process that stopped abruptly");
    }
  }

  const send = async (name: ChannelName, message: OutgoingMessage) => {
    const channel = channels.get(name);
    if (!channel) throw new Error(`channel ${name} is not running`);
    return channel.send(message);
  };
  const files = createFileStore({ dataDir: config.dataDir, publicBaseUrl: config.publicBaseUrl });
  const services: CommandServices = {
    prisma: db.prisma,
    clock,
    logger,
    qa: await loadQaEngine(),
    dataDir: config.dataDir,
    files,
    downloadFile: async (name, file, maxBytes) => {
      const channel = channels.get(name);
      if (!channel?.downloadFile) throw new Error(`channel ${name} cannot download files`);
      return channel.downloadFile(file, maxBytes);
    },
  };
  const router = createRouter({
    services,
    send,
    locale: config.locale,
    fallbacks: options.fallbacks ?? defaultFallbacks,
  });

  let http = options.http;
  const port = httpPort(config);
  if (!http && port !== undefined) http = await startHttpServer({ port, logger });
  http?.mount({
    webhooks,
    files: { prefix: FILES_PREFIX, serve: (rest, res) => files.serveFile(rest, res) },
    health: async () => {
      let database = "ok";
      let inboundPending: number | undefined;
      try {
        await db.prisma.$queryRaw`SELECT 1`;
        if (inbound) inboundPending = await countPendingInbound(db.prisma);
      } catch {
        database = "unavailable";
      }
      return {
        ok: database === "ok",
        database,
        mode: db.mode,
        channels: [...channels.keys()],
        ...(inboundPending === undefined ? {} : { inboundPending }),
      };
    },
  });
  for (const channel of channels.values()) await channel.start(router);
  if (webhooks.length > 0) {
    inbound = createInboundWorker({
      prisma: db.prisma,
      clock,
      logger: logger.child({ part: "inbound" }),
      async onGiveUp(update, chatId, error) {
        const text = t(
          "outbox.admin_inbound_failed",
          {
            channel: update.channel,
            updateId: update.updateId,
            chatId: chatId ?? "?",
            attempts: update.attempts,
            error: error.slice(0, 300),
          },
          config.locale,
        );
        await db.prisma.$transaction((tx) =>
          notifySecretariat(tx, {
            text,
            purpose: `admin:inbound:${update.channel}:${update.updateId}`,
            now: clock.now(),
          }),
        );
      },
      prepare(update) {
        const message = channels.get(update.channel)?.decodeStored?.(update.payload);
        if (!message) return null;
        return {
          orderKey: `${message.channel}:${message.chatId}`,
          chatId: message.chatId,
          run: () => router(message, { recorded: true }),
        };
      },
    });
    inbound.start();
  }

  const sender = createOutboxSender({
    db,
    send,
    clock,
    logger: logger.child({ part: "outbox" }),
    channels: [...channels.keys()],
    locale: config.locale,
    notifyAdmin: async (notice) => {
      await db.prisma.$transaction((tx) =>
        notifySecretariat(tx, {
          text: notice.text,
          purpose: `admin:${notice.kind}:${notice.outboxId}`,
          now: clock.now(),
        }),
      );
    },
  });
  let scheduler: { stop(): Promise<void> } | undefined;
  if (options.background !== false) {
    sender.start();
    const jobs = createJobs({
      files,
      dataDir: config.dataDir,
      publicBaseUrl: config.publicBaseUrl,
      db,
      calendar: await loadWorkCalendar(),
      logger: logger.child({ part: "tick" }),
      locale: config.locale,
      auditRetentionDays: config.auditRetentionDays,
    });
    scheduler = startScheduler({ db, jobs, clock, logger });
  }
  logger.info({ channels: [...channels.keys()], database: db.mode }, "bot started");

  let stopping: Promise<void> | undefined;
  return {
    channels,
    send,
    http,
    consoleEnded,
    stop() {
      stopping ??= (async () => {
        // Intake first, then what is being handled, the tick, and what is being sent.
        for (const channel of channels.values()) await channel.stop();
        await http?.close();
        await inbound?.stop();
        await scheduler?.stop();
        await sender.stop();
      })();
      return stopping;
    },
  };
}
