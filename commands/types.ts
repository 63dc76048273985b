import type { z } from "zod";
import type { Button, ChannelName, IncomingFile, IncomingMessage } from "../src/core/messages.js";
import type { Clock } from "../src/clock.js";
import type { QaService } from "../src/services/qa.js";
import type { Locale, TranslationKey } from "../src/i18n.js";
import type { Logger } from "../src/logger.js";
import type { FileStore } from "../src/services/files.js";
import type { AccountService, AccountWithUnit, Chat, Role } from "../src/services/accounts.js";
import type { AuditLog } from "../src/services/audit.js";
import type { FollowUps } from "../src/services/conversations.js";
import type { DigestQueries } from "../src/services/digest/queries.js";
import type { UpdateLog } from "../src/services/inbound.js";
import type { OutboxWriter } from "../src/services/outbox.js";
import type { PlanImportService } from "../src/services/plan-import-pending.js";
import type { PlanQueries } from "../src/services/plan-queries.js";
import type { ReminderReplies } from "../src/services/reminder-replies.js";
import type { ReportService } from "../src/services/reports.js";
import type { TaskQueries } from "../src/services/tasks.js";

/**
 * What every command may use; built once by the composition root (src/command-services.ts).
 * Commands get services, never the database: tests give them in-memory fakes.
 */
export interface CommandServices {
  /** Update de-duplication (the router). */
  updates: UpdateLog;
  accounts: AccountService;
  audit: AuditLog;
  reports: ReportService;
  /** The follow-up question a chat may owe (after a report button, a Q&A choice). */
  followUps: FollowUps;
  plans: PlanQueries;
  tasks: TaskQueries;
  /** Which occurrence a reply to a reminder is about. */
  reminderReplies: ReminderReplies;
  digest: DigestQueries;
  outbox: OutboxWriter;
  planImports: PlanImportService;
  clock: Clock;
  logger: Logger;
  qa: QaService;
  /** DATA_DIR: where charts and workbooks are written. */
  dataDir: string;
  /** Expiring links to files (Zalo gets images and workbooks by URL). */
  files: FileStore;
  /** Fetch a file a person sent, through its channel (absent where no channel receives files). */
  downloadFile?: (channel: ChannelName, file: IncomingFile, maxBytes: number) => Promise<Buffer>;
}

export interface Reply {
  text: string;
  buttons?: Button[][];
}

export interface CommandContext {
  message: IncomingMessage;
  account: AccountWithUnit;
  chat: Chat;
  locale: Locale;
  services: CommandServices;
  /** The name the user typed, e.g. "batdau" or "start". */
  invokedAs: string;
  reply(text: string, buttons?: Button[][]): void;
}

export interface CommandDefinition<Args = unknown> {
  /** Vietnamese name first, then aliases (English). Without the slash. */
  names: readonly [string, ...string[]];
  description: TranslationKey;
  /** The right form, shown when arguments are wrong. */
  usage: TranslationKey;
  /** Roles that may use it; "everyone" includes people not linked yet. Admins may use all. */
  roles: readonly Role[] | "everyone";
  /** Validates the whitespace-separated arguments. */
  args: z.ZodType<Args>;
  /** Shown in the platform's command menu (Telegram setMyCommands). */
  menu?: boolean;
  /** A further check of who may use it here (e.g. /tonghop: leaders or a leadership group); /trogiup lists it only when this holds. */
  allows?: (account: AccountWithUnit, chat: Chat) => boolean;
  run(ctx: CommandContext, args: Args): Promise<void>;
}

/** Keeps each command's Args type while letting the registry hold them together. */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition<Args> {
  return definition;
}

export function mayUse(definition: Pick<CommandDefinition, "roles">, role: Role): boolean {
  return role === "admin" || definition.roles === "everyone" || definition.roles.includes(role);
}
