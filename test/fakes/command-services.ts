/**
 * In-memory fakes of the services commands use (CommandServices), and a harness that drives the
 * real router with them: command unit tests need no database and assert what the person reads.
 */
import { readFileSync } from "node:fs";
import { defaultFallbacks } from "../../commands/fallbacks.js";
import { createRouter, type FallbackHandler } from "../../commands/router.js";
import type { CommandServices } from "../../commands/types.js";
import type { ChannelName, IncomingMessage, OutgoingMessage } from "../../src/core/messages.js";
import { fixedClock } from "../../src/clock.js";
import { createLogger } from "../../src/logger.js";
import type {
  AccountWithUnit,
  Chat,
  RedeemResult,
  Role,
  SeenSender,
} from "../../src/services/accounts.js";
import type { AuditEntry } from "../../src/services/audit.js";
import type { ConversationKey, Pending } from "../../src/services/conversations.js";
import type { FileStore } from "../../src/services/files.js";
import type { OutboxItem } from "../../src/services/outbox.js";
import type { QaService } from "../../src/services/qa.js";
import { createGate, loadGateWords } from "../../src/domain/qa/index.js";
import type { ConfirmOutcome } from "../../src/services/plan-import-pending.js";
import type { PlanOverview, SetDeadlineInput } from "../../src/services/plan-queries.js";
import {
  mayReport,
  type ExtensionInput,
  type OccurrenceWithTask,
  type ReportInput,
  type UndoOutcome,
} from "../../src/services/reports.js";
import type { UnitOccurrence } from "../../src/services/tasks.js";

const CREATED = new Date("2024-01-01T00:00:00Z");

type UnitRow = AccountWithUnit["unit"] & object;

export function unit(id: number, code: string, name: string): UnitRow {
  return {
    id,
    code,
    name,
    kind: "department",
    parentId: null,
    aliases: [],
    active: true,
    mergedIntoId: null,
    mergedAt: null,
    establishedAt: null,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}

let nextId = 1;

/** A person as the router sees them after touching their account. */
export function account(
  externalId: string,
  role: Role,
  home: UnitRow | null,
  channel: ChannelName = "telegram",
): AccountWithUnit {
  return {
    id: nextId++,
    channel,
    externalId,
    displayName: `Người ${externalId}`,
    privateChatId: externalId,
    unitId: home?.id ?? null,
    unit: home,
    role,
    locale: null,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}

export function chat(
  externalId: string,
  kind: Chat["kind"] = "private",
  purpose: Chat["purpose"] = "none",
): Chat {
  return {
    id: nextId++,
    channel: "telegram",
    externalId,
    kind,
    title: null,
    purpose,
    unitScope: [],
    digestCron: null,
    active: true,
    createdAt: CREATED,
    updatedAt: CREATED,
  };
}

export function occurrence(
  id: number,
  code: string,
  at: UnitRow,
  title: string,
): OccurrenceWithTask {
  return {
    id,
    code,
    taskId: id,
    unitId: at.id,
    periodKey: "2024",
    periodStart: CREATED,
    dueDate: new Date("2024-06-30T00:00:00Z"),
    extendedDue: null,
    status: "not_started",
    progress: null,
    note: null,
    statusAt: null,
    doneAt: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    unit: at,
    task: {
      id,
      planId: 1,
      ref: "1",
      position: 0,
      unitText: at.name,
      title,
      body: "",
      deadlineText: "30/6/2024",
      deadline: { kind: "once", due: "2024-06-30" },
      cooperating: [],
      reminderPolicy: null,
      createdAt: CREATED,
      updatedAt: CREATED,
      plan: { code: "KH-1", title: "Kế hoạch 1" },
    },
  };
}

/** What the fakes hold and what they were asked to do. */
export interface FakeWorld {
  /** The account and chat behind each sender id. */
  people: Map<string, { account: AccountWithUnit; chat: Chat }>;
  /** The role stored now (a cached account may say otherwise). */
  roles: Map<number, Role>;
  units: UnitRow[];
  occurrences: OccurrenceWithTask[];
  plans: PlanOverview[];
  /** Each unit's occurrences, done ones included, in the order the query returns them. */
  unitOccurrences: Map<number, UnitOccurrence[]>;
  /** Occurrence of each reminder sent, by "channel:chat:platform message id". */
  reminderMessages: Map<string, number>;
  /** Open occurrences reminded lately, by "channel:chat", most recent first. */
  reminded: Map<string, number[]>;
  followUps: Map<string, Pending>;
  audits: AuditEntry[];
  outbox: OutboxItem[];
  recorded: ReportInput[];
  extensions: ExtensionInput[];
  deadlines: SetDeadlineInput[];
  undo: UndoOutcome;
  redeem: RedeemResult;
  pendingImports: Set<string>;
  confirmOutcome: ConfirmOutcome;
  seenUpdates: Set<string>;
  /** Set to make the database "unreachable" for the router's first reads. */
  databaseDown: boolean;
}

export function emptyWorld(): FakeWorld {
  return {
    people: new Map(),
    roles: new Map(),
    units: [],
    occurrences: [],
    plans: [],
    unitOccurrences: new Map(),
    reminderMessages: new Map(),
    reminded: new Map(),
    followUps: new Map(),
    audits: [],
    outbox: [],
    recorded: [],
    extensions: [],
    deadlines: [],
    undo: { ok: false, reason: "nothing" },
    redeem: { ok: false, reason: "unknown" },
    pendingImports: new Set(),
    confirmOutcome: { ok: false, reason: "none" },
    seenUpdates: new Set(),
    databaseDown: false,
  };
}

const keyOf = (key: ConversationKey) => `${key.channel}:${key.chatId}:${key.accountId}`;

/** The real gate (data/rules/gate.yaml): the chat sends report-like text to the report flow. */
const gate = createGate(
  loadGateWords(readFileSync(new URL("../../data/rules/gate.yaml", import.meta.url), "utf8")),
);

const noQa: QaService = {
  ask: (q) => ({
    q,
    kind: "declined",
    topic: null,
    score: 0,
    ruleId: null,
    answer: `(Q&A) ${q}`,
    citation: null,
    alternatives: [],
    ambiguous: false,
  }),
  answerRule: () => null,
  topics: () => [],
  documents: () => [],
  classify: (text) => gate.classify(text),
  prepare: () => undefined,
};

const noFiles: FileStore = {
  linksEnabled: false,
  publishFile: async () => "token",
  resolveFile: async () => undefined,
  publicUrl: () => undefined,
  serveFile: async () => undefined,
  prune: async () => 0,
};

/** CommandServices over a FakeWorld; `world` is read and written as the commands run. */
export function fakeServices(world: FakeWorld, now = "2024-06-20T02:00:00Z"): CommandServices {
  const findOccurrence = (match: (o: OccurrenceWithTask) => boolean) =>
    Promise.resolve(world.occurrences.find(match) ?? null);
  return {
    clock: fixedClock(now),
    logger: createLogger({ level: "silent", secrets: [] }),
    qa: noQa,
    dataDir: "/nonexistent",
    files: noFiles,
    updates: {
      markProcessed: async (channel, updateId) => {
        if (world.databaseDown) throw new Error("database unreachable");
        const key = `${channel}:${updateId}`;
        if (world.seenUpdates.has(key)) return false;
        world.seenUpdates.add(key);
        return true;
      },
    },
    accounts: {
      touch: async (seen: SeenSender) => {
        const person = world.people.get(seen.externalId);
        if (!person) throw new Error(`no fake person ${seen.externalId}`);
        return person;
      },
      currentRole: async (id) => world.roles.get(id),
      redeemLinkCode: async () => world.redeem,
    },
    audit: {
      record: async (entry) => {
        world.audits.push(entry);
      },
    },
    reports: {
      findByCode: (code) => findOccurrence((o) => o.code === code.trim().toUpperCase()),
      findById: (id) => findOccurrence((o) => o.id === id),
      record: async (input) => {
        if (!mayReport(input.account, input.occurrence.unit))
          return { ok: false, reason: "forbidden" };
        world.recorded.push(input);
        const { report } = input;
        return {
          ok: true,
          occurrence: input.occurrence,
          reportId: world.recorded.length,
          status: report.status,
          progress: report.status === "done" ? 100 : (report.progress ?? null),
          ...(report.status === "blocked" || report.status === "extension_requested"
            ? { forwardedTo: "secretariat" as const }
            : {}),
        };
      },
      undoLast: async () => world.undo,
      acceptExtension: async (input) => {
        // As the real one: only a pending request, unless the secretariat overrides.
        if (input.occurrence.status !== "extension_requested" && input.override !== true)
          return { ok: false, reason: "no_request", status: input.occurrence.status };
        world.extensions.push(input);
        return { ok: true, told: 0 };
      },
      auditRefusal: async (who, what) => {
        world.audits.push({ actor: who.externalId, action: "report.refused", subject: what.code });
      },
    },
    followUps: {
      ask: async (key, pending) => {
        world.followUps.set(keyOf(key), pending);
      },
      take: async <K extends Pending["kind"]>(key: ConversationKey, kind: K) => {
        const pending = world.followUps.get(keyOf(key));
        if (!pending || pending.kind !== kind) return undefined;
        world.followUps.delete(keyOf(key));
        return pending as Extract<Pending, { kind: K }>;
      },
    },
    plans: {
      overview: async () => world.plans,
      setTaskDeadline: async (input) => {
        world.deadlines.push(input);
        return { ok: false, reason: "plan_not_found" };
      },
    },
    tasks: {
      findUnitByCode: async (code) =>
        world.units.find((u) => u.code.toLowerCase() === code.toLowerCase()) ?? null,
      unitOccurrences: async (unitId) => world.unitOccurrences.get(unitId) ?? [],
      unitCodes: async () => world.units.map((u) => u.code).sort(),
    },
    reminderReplies: {
      repliedTo: async (channel, chatId, messageId) =>
        world.reminderMessages.get(`${channel}:${chatId}:${messageId}`),
      openReminded: async (channel, chatId) => world.reminded.get(`${channel}:${chatId}`) ?? [],
    },
    digest: {
      scopeFor: async () => ({ unitIds: null, scopeNames: [] }),
      loadState: async () => {
        throw new Error("digest state is not faked");
      },
    },
    outbox: {
      enqueue: async (item) => {
        world.outbox.push(item);
        return world.outbox.length;
      },
      enqueueAll: async (items) =>
        items.map((item) => {
          world.outbox.push(item);
          return world.outbox.length;
        }),
    },
    planImports: {
      preview: async () => {
        throw new Error("plan preview is not faked");
      },
      store: async (key) => {
        world.pendingImports.add(keyOf(key));
        return new Date(0);
      },
      cancel: async (key) => world.pendingImports.delete(keyOf(key)),
      confirm: async () => world.confirmOutcome,
    },
  };
}

/** Someone typing to the bot through the real router, over fake services. */
export function fakeChat(
  world: FakeWorld,
  fallbacks: FallbackHandler[] = defaultFallbacks,
  /** The clock's instant (default 20/06/2024 09:00 in Vietnam). */
  now?: string,
) {
  const sent: { channel: ChannelName; message: OutgoingMessage }[] = [];
  const services = fakeServices(world, now);
  const router = createRouter({
    services,
    send: async (channel, message) => {
      sent.push({ channel, message });
      return { messageId: String(sent.length) };
    },
    locale: "vi",
    fallbacks,
  });
  let counter = 0;

  /** Send as `senderId` (a key of world.people); returns the texts the bot answered with. */
  async function say(
    senderId: string,
    text: string,
    extra: Partial<IncomingMessage> = {},
  ): Promise<string[]> {
    const person = world.people.get(senderId);
    counter += 1;
    const before = sent.length;
    await router({
      channel: person?.account.channel ?? "telegram",
      updateId: `u${counter}`,
      chatId: person?.chat.externalId ?? senderId,
      chatKind: person?.chat.kind ?? "private",
      sender: { id: senderId, displayName: `Người ${senderId}`, isBot: false },
      text,
      messageId: String(1000 + counter),
      receivedAt: services.clock.now(),
      ...extra,
    });
    return sent.slice(before).map((s) => s.message.text);
  }

  /** Put a person in the world, in their private chat (or the chat given). */
  function add(person: AccountWithUnit, where: Chat = chat(person.externalId)) {
    world.people.set(person.externalId, { account: person, chat: where });
    world.roles.set(person.id, person.role);
    return person;
  }

  return { say, sent, add, services };
}
