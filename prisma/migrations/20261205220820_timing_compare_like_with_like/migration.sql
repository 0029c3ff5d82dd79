-- AlterTable
ALTER TABLE "projects" ADD COLUMN     "compareAcrossTemplates" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "includeTryOutRuns" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "run_templates" ADD COLUMN     "tryOut" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "statsExcluded" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "run_events" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "actorId" UUID,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "run_events_runId_createdAt_idx" ON "run_events"("runId", "createdAt");

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
