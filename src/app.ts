/**
 * The composition root of a running bot: channels from the registry, the router, HTTP (webhooks,
 * files, health) and the workers. Shut down with stop() (safe to call twice).
 */
import { allCommands } from "../commands/index.js";
import { defaultFallbacks } from "../commands/fallbacks.js";
import { createRouter, type FallbackHandler } from "../commands/router.js";
import { startChannels, type ChannelStarts } from "./app/channel-starts.js";
import { healthCheck } from "./app/health.js";
import { createCommandServices } from "./command-services.js";
import { createInbox, startWorkers } from "./app/workers.js";
import type { ConsoleChannelOptions } from "./channels/console/channel.js";
import { anyWebhook, buildChannels, type MenuEntry } from "./channels/registry.js";
import type { CredentialsRejectedError } from "./core/channel-errors.js";
import type { ChannelName, OutgoingMessage, SendResult } from "./core/messages.js";
import type { Channel, SendOptions } from "./channels/types.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { startHttpServer, type HttpHandle } from "./http/server.js";
import { t } from "./i18n.js";
import { createFileStore, FILES_PREFIX } from "./services/files.js";
import { releaseOrphanedLeases } from "./services/leases.js";
import { loadQaEngine } from "./services/qa.js";
import type { Logger } from "./logger.js";

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  clock: Clock;
  /** Console channel settings; used when no platform token is configured. */
  console?: Omit<ConsoleChannelOptions, "onEnd">;
  fallbacks?: FallbackHandler[];
  /** Run the minute tick and the outbox sender (off in tests that drive ticks themselves). */
  background?: boolean;
  /** An HTTP server already listening (main starts it before the database is open). */
  http?: HttpHandle;
  /** Telegram or Zalo refused the bot's token at start (see src/app/channel-starts.ts). */
  onCredentialsRejected?(error: CredentialsRejectedError): void;
}

export interface App {
  channels: Map<ChannelName, Channel>;
  send(channel: ChannelName, message: OutgoingMessage, options?: SendOptions): Promise<SendResult>;
  http: HttpHandle | undefined;
  /** Resolves when the console channel's input has ended. */
  consoleEnded: Promise<void>;
  stop(): Promise<void>;
}

/** How long after start the Q&A index is built when no question asked for it earlier. */
const QA_PREPARE_DELAY_MS = 1500;

export function commandMenu(locale: Config["locale"]): MenuEntry[] {
  return allCommands
    .filter((command) => command.menu)
    .map((command) => ({
      command: command.names[0],
      description: t(command.description, {}, locale),
    }));
}

/** The port to serve webhooks and /healthz on; undefined when nothing needs HTTP. */
export function httpPort(config: Config): number | undefined {
  return config.port ?? (anyWebhook(config) ? 8080 : undefined);
}

export async function startApp(options: AppOptions): Promise<App> {
  const { config, db, logger, clock } = options;
  let resolveConsoleEnded: () => void = () => undefined;
  const consoleEnded = new Promise<void>((resolve) => {
    resolveConsoleEnded = resolve;
  });
  const inbox = createInbox(db, clock);
  const { channels, webhooks } = buildChannels({
    config,
    logger,
    storeFor: inbox.storeFor,
    menu: commandMenu(config.locale),
    ...(options.console ? { console: { ...options.console, onEnd: resolveConsoleEnded } } : {}),
  });

  if (db.mode === "embedded") {
    // Only one process can hold the embedded folder: leases of an earlier one are orphans.
    const released = await releaseOrphanedLeases(db.prisma, clock.now());
    if (released.outbox + released.inbound > 0) {
      logger.warn(released, "took back work left in flight by a process that stopped abruptly");
    }
  }

  const send = async (name: ChannelName, message: OutgoingMessage, options?: SendOptions) => {
    const channel = channels.get(name);
    if (!channel) throw new Error(`channel ${name} is not running`);
    return channel.send(message, options);
  };
  const files = createFileStore({ dataDir: config.dataDir, publicBaseUrl: config.publicBaseUrl });
  const qa = await loadQaEngine();
  const services = createCommandServices(db.prisma, {
    clock,
    logger,
    qa,
    dataDir: config.dataDir,
    files,
    downloadFile: async (name, file, maxBytes) => {
      const channel = channels.get(name);
      if (!channel?.downloadFile) throw new Error(`channel ${name} cannot download files`);
      return channel.downloadFile(file, maxBytes);
    },
  });
  const router = createRouter({
    services,
    send,
    locale: config.locale,
    fallbacks: options.fallbacks ?? defaultFallbacks,
  });

  const platforms: { starts?: ChannelStarts } = {};
  let http = options.http;
  const port = httpPort(config);
  if (!http && port !== undefined) http = await startHttpServer({ port, logger });
  http?.mount({
    webhooks,
    files: { prefix: FILES_PREFIX, serve: (rest, res) => files.serveFile(rest, res) },
    health: healthCheck({
      db,
      channels: () => [...channels.keys()],
      inboxInUse: () => webhooks.length > 0,
      // Until the first tries are back every channel is still waiting for its platform.
      waitingFor: () => platforms.starts?.waiting() ?? [...channels.keys()],
    }),
  });
  // After the routes: a platform may post to the webhook as soon as it is registered. A platform
  // that is down is waited for in the background (src/app/channel-starts.ts).
  platforms.starts = await startChannels(channels.values(), router, {
    logger,
    ...(options.onCredentialsRejected
      ? { onCredentialsRejected: options.onCredentialsRejected }
      : {}),
  });
  const workers = await startWorkers({
    config,
    db,
    logger,
    clock,
    channels,
    send,
    files,
    handle: (message) => router(message, { recorded: true }),
    inbox: webhooks.length > 0 ? inbox : undefined,
    background: options.background !== false,
  });
  logger.info({ channels: [...channels.keys()], database: db.mode }, "bot started");
  // The Q&A's index and models are built once the first messages had their turn (or by the first
  // question, whichever comes first), so that start-up does not wait for them.
  const prepareQa = setTimeout(() => qa.prepare(), QA_PREPARE_DELAY_MS);
  prepareQa.unref();

  let stopping: Promise<void> | undefined;
  return {
    channels,
    send,
    http,
    consoleEnded,
    stop() {
      stopping ??= (async () => {
        clearTimeout(prepareQa);
        // Intake first, then the workers (what is being handled, the tick, what is being sent).
        platforms.starts?.stop();
        for (const channel of channels.values()) await channel.stop();
        await http?.close();
        await workers.stop();
      })();
      return stopping;
    },
  };
}
