import type { PrismaClient } from "@prisma/client";
import type { DigestState } from "../../domain/digest/types.js";
import { loadDigestState } from "./load.js";
import { scopeForRequest } from "./targets.js";

export type DigestScope = Awaited<ReturnType<typeof scopeForRequest>>;

/** What /tonghop and /xuatexcel read, as commands see it. */
export interface DigestQueries {
  /** The units a request in this chat covers (scopeForRequest). */
  scopeFor(
    account: { role: string; unitId: number | null },
    chat: { purpose: string; unitScope: string[] },
  ): Promise<DigestScope>;
  loadState(): Promise<DigestState>;
}

export function digestQueries(prisma: PrismaClient): DigestQueries {
  return {
    scopeFor: (account, chat) => scopeForRequest(prisma, account, chat),
    loadState: () => loadDigestState(prisma),
  };
}
