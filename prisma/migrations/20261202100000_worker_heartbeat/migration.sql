-- Each running process beats here every few seconds. A lease ("leasedBy" on Outbox and
-- InboundUpdate) whose holder has not beaten for a while is taken back by any other process:
-- a replica killed with -9 holds its claims for seconds, not until its lease runs out.
-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "owner" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "heartbeatAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("owner")
);
