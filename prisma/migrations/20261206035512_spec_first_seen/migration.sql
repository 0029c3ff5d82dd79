-- A spec's "first seen" is stored on test_cases instead of being a min() over
-- every result of the spec on each spec page (0.9 s for a 69k-result spec).
-- It is the start of the earliest run with a result of the spec, the run's
-- start as its evidence has it: coalesce(runs."windowStart", runs."startedAt")
-- (runs."startedAt" is what the results carry as "runStartedAt").
-- The ingest sets it when it creates the spec (to the run's start), two
-- triggers move it back, never forward:
--   - when a report's results are stored (an earlier run uploaded late),
--   - when a run's window start moves earlier (its phases or reports date it
--     earlier than before).
-- Both are deferred to commit, so they see the transaction's results and the
-- run's final window whatever the order of the ingest's statements. Retention
-- dropping old results does not move it: the spec was seen then.

-- CreateIndex
CREATE INDEX "test_cases_projectId_firstSeenAt_idx" ON "test_cases"("projectId", "firstSeenAt");

-- Backfill: what the spec page computed until now
UPDATE test_cases tc SET "firstSeenAt" = f.at
  FROM (SELECT r."testCaseId", min(coalesce(run."windowStart", r."runStartedAt")) AS at
          FROM test_results r JOIN runs run ON run.id = r."runId"
         GROUP BY r."testCaseId") f
 WHERE tc.id = f."testCaseId" AND tc."firstSeenAt" IS DISTINCT FROM f.at;

-- (the migration runner splits on semicolons: the body is an E'' string with \073 for them, as in 20261206010148)
CREATE FUNCTION runboard_spec_first_seen() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  run_id uuid\073
  at timestamp(3)\073
  project uuid\073
  started timestamp(3)\073
BEGIN
  IF TG_TABLE_NAME = ''runs'' THEN run_id := NEW.id\073 ELSE run_id := NEW."runId"\073 END IF\073
  SELECT coalesce(r."windowStart", r."startedAt"), r."projectId", r."startedAt" INTO at, project, started FROM runs r WHERE r.id = run_id\073
  -- the usual case (a live run: every spec of the project was seen before it) ends at one index probe
  IF at IS NULL OR NOT EXISTS (SELECT 1 FROM test_cases WHERE "projectId" = project AND "firstSeenAt" > at) THEN
    RETURN NULL\073
  END IF\073
  -- rows locked in id order: two such uploads at once wait for each other, never deadlock
  PERFORM 1 FROM test_cases tc
    WHERE tc.id IN (SELECT r."testCaseId" FROM test_results r WHERE r."runId" = run_id AND r."projectId" = project AND r."runStartedAt" = started)
      AND tc."firstSeenAt" > at
    ORDER BY tc.id FOR UPDATE\073
  UPDATE test_cases tc SET "firstSeenAt" = at
    WHERE tc.id IN (SELECT r."testCaseId" FROM test_results r WHERE r."runId" = run_id AND r."projectId" = project AND r."runStartedAt" = started)
      AND tc."firstSeenAt" > at\073
  RETURN NULL\073
END ';

CREATE CONSTRAINT TRIGGER reports_spec_first_seen AFTER INSERT ON reports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION runboard_spec_first_seen();

CREATE CONSTRAINT TRIGGER runs_spec_first_seen AFTER UPDATE OF "windowStart" ON runs
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW."windowStart" IS NOT NULL AND (OLD."windowStart" IS NULL OR NEW."windowStart" < OLD."windowStart"))
  EXECUTE FUNCTION runboard_spec_first_seen();
