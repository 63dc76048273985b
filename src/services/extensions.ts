import type { PrismaClient } from "@prisma/client";
import { formatDate } from "../domain/calendar/format.js";
import { t, type Locale } from "../i18n.js";
import { actorOf, audit } from "./audit.js";
import { enqueue } from "./outbox.js";
import { recipientsFor } from "./reminders.js";
import type { ExtensionInput } from "./reports.js";

export type ExtensionOutcome =
  | {
      ok: true;
      /** Heads and focal officers of the unit the decision was queued for, with the change. */
      told: number;
    }
  | { ok: false; reason: "no_request"; status: ExtensionInput["occurrence"]["status"] };

/**
 * /giahan: the secretariat accepts a new due date — for a pending extension request, or, when
 * `override` says so, on its own initiative. The new date, the audit line and the message to
 * the unit's heads and focal officers are written in one transaction; reminders follow it.
 */
export async function acceptExtension(
  prisma: PrismaClient,
  input: ExtensionInput & { override?: boolean; locale?: Locale },
): Promise<ExtensionOutcome> {
  const { occurrence, newDue, now } = input;
  return prisma.$transaction(async (tx): Promise<ExtensionOutcome> => {
    const current = await tx.occurrence.findUniqueOrThrow({ where: { id: occurrence.id } });
    if (current.status !== "extension_requested" && input.override !== true) {
      return { ok: false, reason: "no_request", status: current.status };
    }
    await tx.occurrence.update({
      where: { id: current.id },
      data: {
        extendedDue: new Date(`${newDue}T00:00:00Z`),
        ...(current.status === "extension_requested" ? { status: "in_progress" as const } : {}),
      },
    });
    await audit(
      tx,
      {
        actor: actorOf(input.account),
        action: "extension.accepted",
        subject: current.code,
        details: { newDue, override: input.override === true },
      },
      now,
    );
    const text = t(
      "reports.extensionGranted",
      { code: current.code, task: occurrence.task.title, date: formatDate(newDue) },
      input.locale,
    );
    let told = 0;
    for (const contact of await recipientsFor(tx, occurrence)) {
      if (!contact.privateChatId) continue;
      const purpose = `extension:${current.id}:${newDue}`;
      const id = await enqueue(
        tx,
        {
          channel: contact.channel,
          chatId: contact.privateChatId,
          payload: { text },
          purpose,
          occurrenceId: current.id,
          dedupeKey: `${purpose}:${contact.id}`,
        },
        now,
      );
      if (id !== undefined) told += 1;
    }
    return { ok: true, told };
  });
}
