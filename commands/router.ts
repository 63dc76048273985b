import { capabilitiesOf } from "../src/channels/capabilities.js";
import type { ChannelName, IncomingMessage, OutgoingMessage } from "../src/core/messages.js";
import { localDateOf } from "../src/domain/calendar/index.js";
import { exampleDates } from "../src/domain/calendar/examples.js";
import { SlidingWindowLimiter } from "../src/domain/rate-limit.js";
import { t, type Locale } from "../src/i18n.js";
import { findCommand } from "./index.js";
import { planImportFallback } from "./plan-import-chat.js";
import { auditRefusal, refusalText } from "./refusal.js";
import { mayUse, type CommandContext, type CommandServices, type Reply } from "./types.js";

export type SendFn = (channel: ChannelName, message: OutgoingMessage) => Promise<unknown>;

/** Handles what is not a command: replies to reminders, buttons, questions. Returns false to pass. */
export type FallbackHandler = (ctx: CommandContext) => Promise<boolean>;

export interface RouterOptions {
  services: CommandServices;
  send: SendFn;
  locale: Locale;
  fallbacks?: FallbackHandler[];
  /** Messages one person may send per minute before being asked to slow down. */
  perPersonPerMinute?: number;
}

const MAX_TEXT = 4000;

/** "/lienket@VhcvBot ABC" → { name: "lienket", rest: "ABC" } */
export function parseCommandLine(text: string): { name: string; rest: string } | null {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), rest: (match[2] ?? "").trim() };
}

export function splitArgs(rest: string): string[] {
  return rest === "" ? [] : rest.split(/\s+/);
}

export function createRouter(options: RouterOptions) {
  const { services, send, locale } = options;
  // Files and the plan preview's buttons come first, whatever fallbacks the caller chose.
  const fallbacks = [planImportFallback, ...(options.fallbacks ?? [])];
  const limiter = new SlidingWindowLimiter();
  const perMinute = options.perPersonPerMinute ?? 20;
  const warnedUntil = new Map<string, number>();

  /** Per person, in memory: a flood gets one polite answer a minute and is otherwise dropped. */
  function overLimit(message: IncomingMessage, now: Date): "ok" | "warn" | "drop" {
    if (!capabilitiesOf(message.channel).perPersonLimit) return "ok";
    const key = `${message.channel}:${message.sender.id}`;
    const acquired = limiter.tryAcquire(
      [{ key, limit: perMinute, windowMs: 60_000, countFrom: "start" }],
      now,
    );
    if (acquired.ok) {
      limiter.release(acquired.permit, now);
      return "ok";
    }
    if ((warnedUntil.get(key) ?? 0) > now.getTime()) return "drop";
    warnedUntil.set(key, acquired.retryAt.getTime());
    return "warn";
  }

  /**
   * Handle one message. `recorded`: the update already has its InboundUpdate row (it came
   * through the webhook inbox), so de-duplication happened when it was stored.
   */
  return async function handle(
    message: IncomingMessage,
    options: { recorded?: boolean } = {},
  ): Promise<void> {
    const now = services.clock.now();
    if (message.sender.isBot) return;
    let who: Awaited<ReturnType<CommandServices["accounts"]["touch"]>>;
    try {
      const fresh =
        options.recorded === true ||
        (await services.updates.markProcessed(message.channel, message.updateId, now));
      if (!fresh) {
        services.logger.debug(
          { channel: message.channel, updateId: message.updateId },
          "duplicate update ignored",
        );
        return;
      }
      who = await services.accounts.touch({
        channel: message.channel,
        externalId: message.sender.id,
        displayName: message.sender.displayName,
        chatId: message.chatId,
        chatKind: message.chatKind,
        ...(message.chatTitle ? { chatTitle: message.chatTitle } : {}),
      });
    } catch (error) {
      // The database is out of reach. A stored (webhook) update is tried again later by the
      // inbound worker; a polled one cannot be, so the person is asked to send it again.
      if (options.recorded) throw error;
      services.logger.error(
        { err: error, channel: message.channel, updateId: message.updateId },
        "update not handled: database unavailable",
      );
      await send(message.channel, {
        chatId: message.chatId,
        text: t("router.unavailable", {}, locale),
      }).catch(() => undefined);
      return;
    }
    const replies: Reply[] = [];
    const limited = overLimit(message, now);
    if (limited !== "ok") {
      services.logger.warn({ channel: message.channel, sender: message.sender.id }, "rate limited");
      if (limited === "warn") {
        await send(message.channel, {
          chatId: message.chatId,
          text: t("router.rateLimited", {}, locale),
        }).catch(() => undefined);
      }
      return;
    }
    try {
      const { account, chat } = who;
      const ctx: CommandContext = {
        message,
        account,
        chat,
        locale,
        services,
        invokedAs: "",
        reply: (text, buttons) => replies.push(buttons ? { text, buttons } : { text }),
      };
      await dispatch(ctx);
    } catch (error) {
      services.logger.error(
        { err: error, channel: message.channel, updateId: message.updateId },
        "handler failed",
      );
      replies.push({ text: t("router.internalError", {}, locale) });
    }
    for (const reply of replies) {
      try {
        await send(message.channel, {
          chatId: message.chatId,
          text: reply.text,
          ...(reply.buttons ? { buttons: reply.buttons } : {}),
        });
      } catch (error) {
        services.logger.error({ err: error, channel: message.channel }, "reply could not be sent");
      }
    }
  };

  async function dispatch(ctx: CommandContext): Promise<void> {
    const { message } = ctx;
    if (message.text.length > MAX_TEXT) {
      ctx.reply(t("router.tooLong", { max: MAX_TEXT }, ctx.locale));
      return;
    }
    const line = message.callbackData || message.file ? null : parseCommandLine(message.text);
    if (!line) {
      for (const fallback of fallbacks) {
        if (await fallback(ctx)) return;
      }
      if (message.chatKind === "private") ctx.reply(t("router.notACommand", {}, ctx.locale));
      return;
    }
    const command = findCommand(line.name);
    if (!command) {
      ctx.reply(t("router.unknownCommand", { name: line.name }, ctx.locale));
      return;
    }
    ctx.invokedAs = line.name;
    if (!mayUse(command, ctx.account.role)) {
      await auditRefusal(ctx, command.names[0] ?? line.name);
      ctx.reply(refusalText(command, ctx, line.name));
      return;
    }
    const parsed = command.args.safeParse(splitArgs(line.rest));
    if (!parsed.success) {
      // Examples in the usage are dates from today, so that typing one as shown works.
      const examples = exampleDates(localDateOf(ctx.services.clock.now()));
      const usage = t(command.usage, examples, ctx.locale);
      ctx.reply(t("router.badArguments", { usage }, ctx.locale));
      return;
    }
    await command.run(ctx, parsed.data);
  }
}
