-- Result rows and job log chunks partitioned by month (issue #17, decision 17).
-- The tables are rebuilt: rows are copied into monthly partitions, one for each
-- month that holds rows, and new months are created on first use through
-- runboard_month_partition (ingest, job logs, the retention job).
-- Prisma models the partitioned parents only: partitions are not in schema.prisma.

-- AlterTable
ALTER TABLE "projects" ADD COLUMN "resultRetentionDays" INTEGER;

-- The monthly partition of a partitioned table holding the given time, created when missing.
-- Concurrent callers are serialised per partition by an advisory lock until their transaction ends.
-- The statement runner splits at every semicolon, so the body's are written \073 (octal) in an E'' string.
CREATE FUNCTION runboard_month_partition(parent text, at timestamp) RETURNS text LANGUAGE plpgsql AS E'
DECLARE
  lo timestamp := date_trunc(''month'', at)\073
  part text := parent || ''_p'' || to_char(date_trunc(''month'', at), ''YYYY_MM'')\073
BEGIN
  IF to_regclass(quote_ident(part)) IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext(''runboard:partition:'' || part))\073
    IF to_regclass(quote_ident(part)) IS NULL THEN
      EXECUTE format(''CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)'', part, parent, lo, lo + interval ''1 month'')\073
    END IF\073
  END IF\073
  RETURN part\073
END
';

-- test_results: the old table moves aside, its rows are copied with their run's project
ALTER TABLE "test_results" RENAME TO "test_results_unpartitioned";
ALTER TABLE "test_results_unpartitioned" RENAME CONSTRAINT "test_results_pkey" TO "test_results_unpartitioned_pkey";
ALTER INDEX "test_results_runId_status_idx" RENAME TO "test_results_unpartitioned_runId_status_idx";
ALTER INDEX "test_results_testCaseId_runStartedAt_idx" RENAME TO "test_results_unpartitioned_testCaseId_idx";

CREATE TABLE "test_results" (
    "id" BIGINT NOT NULL DEFAULT nextval('test_results_id_seq'),
    "runId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "testCaseId" UUID NOT NULL,
    "reportId" UUID,
    "runStartedAt" TIMESTAMP(3) NOT NULL,
    "status" "ResultStatus" NOT NULL,
    "durationMs" INTEGER,
    "message" TEXT,
    "details" TEXT,
    "failureType" TEXT,
    "systemOut" TEXT,
    "systemErr" TEXT,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "flaky" BOOLEAN NOT NULL DEFAULT false,
    "signatureId" UUID,
    CONSTRAINT "test_results_pkey" PRIMARY KEY ("id", "runStartedAt")
) PARTITION BY RANGE ("runStartedAt");
ALTER SEQUENCE "test_results_id_seq" OWNED BY "test_results"."id";
CREATE INDEX "test_results_runId_status_idx" ON "test_results"("runId", "status");
CREATE INDEX "test_results_testCaseId_runStartedAt_idx" ON "test_results"("testCaseId", "runStartedAt" DESC);

SELECT runboard_month_partition('test_results', m)
  FROM (SELECT DISTINCT date_trunc('month', "runStartedAt") AS m FROM "test_results_unpartitioned") AS months;
INSERT INTO "test_results" ("id", "runId", "projectId", "testCaseId", "reportId", "runStartedAt", "status", "durationMs", "message", "details",
                            "failureType", "systemOut", "systemErr", "retries", "flaky", "signatureId")
SELECT t."id", t."runId", r."projectId", t."testCaseId", t."reportId", t."runStartedAt", t."status", t."durationMs", t."message", t."details",
       t."failureType", t."systemOut", t."systemErr", t."retries", t."flaky", t."signatureId"
  FROM "test_results_unpartitioned" t JOIN "runs" r ON r."id" = t."runId";
DROP TABLE "test_results_unpartitioned";

-- job_log_chunks: the same, by the chunk's time
ALTER TABLE "job_log_chunks" RENAME TO "job_log_chunks_unpartitioned";
ALTER TABLE "job_log_chunks_unpartitioned" RENAME CONSTRAINT "job_log_chunks_pkey" TO "job_log_chunks_unpartitioned_pkey";
ALTER TABLE "job_log_chunks_unpartitioned" RENAME CONSTRAINT "job_log_chunks_jobId_fkey" TO "job_log_chunks_unpartitioned_jobId_fkey";
ALTER INDEX "job_log_chunks_jobId_seq_key" RENAME TO "job_log_chunks_unpartitioned_jobId_seq_key";

CREATE TABLE "job_log_chunks" (
    "id" BIGINT NOT NULL DEFAULT nextval('job_log_chunks_id_seq'),
    "jobId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "stream" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "job_log_chunks_pkey" PRIMARY KEY ("id", "createdAt")
) PARTITION BY RANGE ("createdAt");
ALTER SEQUENCE "job_log_chunks_id_seq" OWNED BY "job_log_chunks"."id";
CREATE UNIQUE INDEX "job_log_chunks_jobId_seq_createdAt_key" ON "job_log_chunks"("jobId", "seq", "createdAt");
ALTER TABLE "job_log_chunks" ADD CONSTRAINT "job_log_chunks_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "provisioning_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

SELECT runboard_month_partition('job_log_chunks', m)
  FROM (SELECT DISTINCT date_trunc('month', "createdAt") AS m FROM "job_log_chunks_unpartitioned") AS months;
INSERT INTO "job_log_chunks" ("id", "jobId", "seq", "stream", "text", "createdAt")
SELECT "id", "jobId", "seq", "stream", "text", "createdAt" FROM "job_log_chunks_unpartitioned";
DROP TABLE "job_log_chunks_unpartitioned";
