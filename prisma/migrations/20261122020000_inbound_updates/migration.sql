-- The de-duplication table becomes the inbox: webhooks store updates here before answering.
-- CreateEnum
CREATE TYPE "InboundState" AS ENUM ('pending', 'done', 'failed');

-- RenameTable (keeps the rows already seen, so no update is handled twice across the upgrade)
ALTER TABLE "ProcessedUpdate" RENAME TO "InboundUpdate";
ALTER TABLE "InboundUpdate" RENAME CONSTRAINT "ProcessedUpdate_pkey" TO "InboundUpdate_pkey";
ALTER INDEX "ProcessedUpdate_receivedAt_idx" RENAME TO "InboundUpdate_receivedAt_idx";

-- AlterTable
ALTER TABLE "InboundUpdate" ADD COLUMN "state" "InboundState" NOT NULL DEFAULT 'done',
ADD COLUMN "payload" JSONB,
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "lockedUntil" TIMESTAMP(3),
ADD COLUMN "leasedBy" TEXT,
ADD COLUMN "lastError" TEXT,
ADD COLUMN "handledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "InboundUpdate_state_lockedUntil_idx" ON "InboundUpdate"("state", "lockedUntil");

-- Leases name their holder, so that a restarted single process can take back its own at once.
ALTER TABLE "Outbox" ADD COLUMN "leasedBy" TEXT;
