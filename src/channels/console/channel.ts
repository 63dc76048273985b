import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { t } from "../../i18n.js";
import type { MessageHandler, OutgoingMessage, SendResult } from "../../core/messages.js";
import type { Channel } from "../types.js";
import { consoleCapabilities } from "./capabilities.js";

export interface ConsoleUser {
  id: string;
  displayName: string;
}

export interface ConsoleChannelOptions {
  input: Readable;
  output: Writable;
  user: ConsoleUser;
  /** Called once stdin has ended and every line has been handled. */
  onEnd?: () => void;
  prompt?: boolean;
}

/**
 * One process, one local user: each stdin line is a private-chat message, each reply is printed.
 * Lines are handled one after another, as a person would type them.
 */
export class ConsoleChannel implements Channel {
  readonly name = "console" as const;
  readonly capabilities = consoleCapabilities;
  private readonly session = randomUUID().slice(0, 8);
  private counter = 0;
  private closed = false;

  constructor(private readonly options: ConsoleChannelOptions) {}

  get chatId(): string {
    return `console:${this.options.user.id}`;
  }

  async start(handler: MessageHandler): Promise<void> {
    const lines = createInterface({ input: this.options.input, terminal: false });
    void (async () => {
      for await (const raw of lines) {
        if (this.closed) break;
        const text = raw.trim();
        if (text === "") continue;
        this.counter += 1;
        await handler({
          channel: "console",
          updateId: `${this.session}-${this.counter}`,
          chatId: this.chatId,
          chatKind: "private",
          sender: {
            id: this.options.user.id,
            displayName: this.options.user.displayName,
            isBot: false,
          },
          text,
          messageId: String(this.counter),
          receivedAt: new Date(),
        });
      }
      this.options.onEnd?.();
    })();
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    // One process is one user; what the bot sends to others (reminders) is shown, marked.
    // An attachment's row carries no text of its own: only its line is shown.
    const text = message.text === "" ? [] : [message.text];
    const parts =
      message.chatId === this.chatId
        ? text
        : [t("console.toOther", { chat: message.chatId }), ...text];
    if (message.buttons && message.buttons.length > 0) {
      parts.push(message.buttons.map((row) => row.map((b) => `[${b.label}]`).join(" ")).join("\n"));
    }
    if (message.photo)
      parts.push(t("console.photo", { path: message.photo.path ?? message.photo.url ?? "" }));
    if (message.document) parts.push(t("console.document", { path: message.document.path }));
    this.options.output.write(`${parts.join("\n")}\n\n`);
    this.counter += 1;
    return { messageId: `out-${this.session}-${this.counter}` };
  }

  async stop(): Promise<void> {
    this.closed = true;
  }
}
