/** Errors every channel throws the same way, so that the outbox and commands can tell them apart. */

/** The file is over the size the bot accepts (or the platform lets a bot download). */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number | undefined,
    readonly maxBytes: number,
  ) {
    super(`file over ${maxBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

/** A platform refused with "too many requests". `retryAfterMs` is the platform's wait, if given. */
export class RateLimitedError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/** The chat is gone for us: the user blocked the bot, or the chat was deleted. Do not retry. */
export class ChatUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChatUnavailableError";
  }
}

/** A group became a supergroup: the message must go to `newChatId`. */
export class ChatMigratedError extends Error {
  constructor(
    message: string,
    readonly newChatId: string,
  ) {
    super(message);
    this.name = "ChatMigratedError";
  }
}

/**
 * The platform refused the bot's credentials at start (getMe answered 401 or 404): waiting will
 * not help, the setting named must be fixed.
 */
export class CredentialsRejectedError extends Error {
  constructor(
    /** As people name it: "Telegram", "Zalo". */
    readonly platform: string,
    readonly setting: string,
    readonly detail: string,
  ) {
    super(`${setting} refused by ${platform}: ${detail}`);
    this.name = "CredentialsRejectedError";
  }
}
