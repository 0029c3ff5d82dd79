-- CreateTable
CREATE TABLE "run_requirement_outcomes" (
    "runId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "testCaseIds" UUID[],
    "outcomes" TEXT NOT NULL,

    CONSTRAINT "run_requirement_outcomes_pkey" PRIMARY KEY ("runId")
);

-- AddForeignKey
ALTER TABLE "run_requirement_outcomes" ADD CONSTRAINT "run_requirement_outcomes_runId_fkey" FOREIGN KEY ("runId") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every existing run's summary from its results, as the ingest writes it
-- (lib/services/refresh-requirement-outcomes.ts, FILL_ALL_REQUIREMENT_OUTCOMES). Runs
-- without a result of a spec that names a requirement get no row (the grid shows them
-- as "not run"), and results of runs that no longer exist are skipped. array_agg and
-- string_agg of one aggregate step see the rows in the same order.
INSERT INTO "run_requirement_outcomes" ("runId", "projectId", "testCaseIds", "outcomes")
SELECT r."id", r."projectId", array_agg(w."testCaseId"), string_agg(substr('fsp', w."worst" + 1, 1), '')
  FROM (SELECT t."runId", t."testCaseId",
               min(CASE t."status" WHEN 'failed' THEN 0 WHEN 'errored' THEN 0 WHEN 'skipped' THEN 1 WHEN 'pending' THEN 1 ELSE 2 END) AS "worst"
          FROM "test_results" t
          JOIN "test_cases" tc ON tc."id" = t."testCaseId" AND tc."projectId" = t."projectId" AND tc."requirementIds" <> '{}'
         GROUP BY 1, 2) w
  JOIN "runs" r ON r."id" = w."runId"
 GROUP BY r."id";
