import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { t } from "../../i18n.js";
import type {
  IncomingMessage,
  MessageHandler,
  OutgoingMessage,
  SendResult,
} from "../../core/messages.js";
import type { Channel } from "../types.js";
import { ButtonMenu } from "./button-menu.js";
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
  /**
   * A person at a terminal: the greeting is shown first and "> " asks for each line. Without it
   * (input piped) the output carries the replies only.
   */
  interactive?: { greeting: string };
}

export const CONSOLE_PROMPT = "> ";

/**
 * One process, one local user: each stdin line is a private-chat message, each reply is printed.
 * Lines are handled one after another, as a person would type them. Buttons are printed numbered:
 * a typed number or label presses one (src/channels/console/button-menu.ts).
 */
export class ConsoleChannel implements Channel {
  readonly name = "console" as const;
  readonly capabilities = consoleCapabilities;
  private readonly session = randomUUID().slice(0, 8);
  private readonly menu = new ButtonMenu();
  private counter = 0;
  private closed = false;
  /** The prompt is on screen, waiting: what the bot sends meanwhile goes on a line of its own. */
  private prompting = false;

  constructor(private readonly options: ConsoleChannelOptions) {}

  get chatId(): string {
    return `console:${this.options.user.id}`;
  }

  async start(handler: MessageHandler): Promise<void> {
    const interactive = this.options.interactive;
    if (interactive) {
      this.options.output.write(`${interactive.greeting}\n\n`);
      this.prompt();
    }
    const lines = createInterface({ input: this.options.input, terminal: false });
    void (async () => {
      for await (const raw of lines) {
        if (this.closed) break;
        this.prompting = false;
        const text = raw.trim();
        if (text !== "") await handler(this.incoming(text));
        this.prompt();
      }
      if (interactive && !this.closed) this.options.output.write("\n");
      this.options.onEnd?.();
    })();
  }

  /** A typed line: a button press when it names one of the buttons just shown, else text. */
  private incoming(text: string): IncomingMessage {
    this.counter += 1;
    const pressed = this.menu.typed(text);
    return {
      channel: "console",
      updateId: `${this.session}-${this.counter}`,
      chatId: this.chatId,
      chatKind: "private",
      sender: {
        id: this.options.user.id,
        displayName: this.options.user.displayName,
        isBot: false,
      },
      text: pressed ? "" : text,
      ...(pressed ? { callbackData: pressed.data } : {}),
      messageId: String(this.counter),
      receivedAt: new Date(),
    };
  }

  private prompt(): void {
    if (!this.options.interactive || this.closed) return;
    this.options.output.write(CONSOLE_PROMPT);
    this.prompting = true;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    // One process is one user; what the bot sends to others (reminders) is shown, marked.
    // An attachment's row carries no text of its own: only its line is shown.
    const text = message.text === "" ? [] : [message.text];
    const parts =
      message.chatId === this.chatId
        ? text
        : [t("console.toOther", { chat: message.chatId }), ...text];
    const buttons = this.menu.show(message.buttons);
    if (buttons.length > 0) parts.push(...buttons, t("console.buttonsHint"));
    if (message.photo)
      parts.push(t("console.photo", { path: message.photo.path ?? message.photo.url ?? "" }));
    if (message.document) parts.push(t("console.document", { path: message.document.path }));
    const shown = parts.join("\n");
    // Sent while the person waits at the prompt (a reminder, a file): shown, then asked again.
    const waiting = this.prompting;
    this.options.output.write(`${waiting ? "\n" : ""}${shown}\n\n`);
    if (waiting) this.prompt();
    this.counter += 1;
    return { messageId: `out-${this.session}-${this.counter}` };
  }

  async stop(): Promise<void> {
    this.closed = true;
  }
}
