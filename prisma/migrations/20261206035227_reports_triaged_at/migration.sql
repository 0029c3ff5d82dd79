-- Triage runs in its own transaction after the results commit (decision 22):
-- "triagedAt" marks a report as triaged, so triage happens once and a sweep
-- finds reports left untriaged by a crash between the two commits. The new
-- ingest inserts NULL, and the default marks every report stored before (and by
-- web processes of the previous version during a rolling upgrade, which
-- triage in the upload transaction) as triaged, without rewriting the table.
-- AlterTable
ALTER TABLE "reports" ADD COLUMN     "triagedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "reports_triagedAt_createdAt_idx" ON "reports"("triagedAt", "createdAt");
