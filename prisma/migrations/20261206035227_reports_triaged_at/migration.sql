-- Triage runs in its own transaction after the results commit (decision 22);
-- "triagedAt" marks a report as triaged, so triage happens once and a sweep
-- finds reports left untriaged by a crash between the two commits.
-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "triagedAt" TIMESTAMP(3);

-- reports stored before this change were triaged in their ingest transaction
UPDATE "reports" SET "triagedAt" = "createdAt";

-- CreateIndex
CREATE INDEX "reports_triagedAt_createdAt_idx" ON "reports"("triagedAt", "createdAt");
