-- Data only (no schema change): "first seen" and "opened" are the time of the
-- run that showed the spec or its failure, not the time of the upload. Rows
-- written before this were dated by the upload (a spec's firstSeenAt defaulted
-- to now()) or by the first report to arrive (a backfilled older run did not
-- move an item's first failure back). See docs/decisions/0014-counts-and-dates.md.

-- a spec: the start of the earliest run with a result of it
UPDATE test_cases tc SET "firstSeenAt" = f.first
  FROM (SELECT "testCaseId", min("runStartedAt") AS first FROM test_results GROUP BY "testCaseId") f
 WHERE f."testCaseId" = tc.id AND f.first < tc."firstSeenAt";

-- a triage item: the start of the earliest run where its spec failed
UPDATE triage_items t SET "firstSeenAt" = f.first
  FROM (SELECT "testCaseId", min("runStartedAt") AS first FROM test_results
         WHERE status IN ('failed', 'errored') GROUP BY "testCaseId") f
 WHERE f."testCaseId" = t."testCaseId" AND f.first < t."firstSeenAt";

-- its "opened" history entry points at that run (the page dates it by the run)
UPDATE triage_events e SET "runId" = f."runId"
  FROM triage_items t
  CROSS JOIN LATERAL (SELECT r."runId" FROM test_results r
                       WHERE r."testCaseId" = t."testCaseId" AND r.status IN ('failed', 'errored')
                       ORDER BY r."runStartedAt", r.id LIMIT 1) f
 WHERE e."itemId" = t.id AND e.kind = 'created' AND e."runId" IS DISTINCT FROM f."runId";
