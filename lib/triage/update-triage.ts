// Keeps triage items in step with results, in a short transaction of its own
// right after each report's results committed (lib/triage/triage-report.ts):
// - a failing spec without an item gets one (status "new", a suggested
//   category with its reason); an item that had been resolved reopens as a
//   regression; any other item counts the failure and its passing streak restarts;
// - a passing spec adds to its open item's streak, and the item resolves
//   itself once the streak reaches the project's autoResolveAfter (default 3).
// A pass after retries (flaky) neither counts towards the streak nor breaks it.
// Both automatic changes are recorded in the item's history without an actor.
// Results are applied in the order reports arrive; first/last failure times are
// the runs' start times, so a run uploaded late still dates the item correctly.
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { openTriageSql } from "@/lib/queries/count-definitions";
import { assignOwners } from "@/lib/ownership/assign-owners";
import { ensureCategories } from "@/lib/triage/categories";
import { suggestCategory } from "@/lib/triage/suggest-category";

export interface TriageUpdate {
  created: number;
  reopened: number;
  resolved: number;
}

interface FailingRow {
  testCaseId: string;
  status: "failed" | "errored";
  flaky: boolean;
  signatureId: string | null;
  itemId: string | null;
  itemStatus: string | null;
  /** the item's first failure is later than this run (a run uploaded late): this run becomes its first failure */
  itemLater: boolean;
  message: string | null;
  details: string | null;
  failureType: string | null;
}

type TriageRun = { id: string; projectId: string; startedAt: Date; at?: Date };

/** The caller holds the project's triage lock (lockProjectTriage; lib/triage/triage-report.ts does). */
export async function updateTriage(
  client: pg.PoolClient,
  /** startedAt: the start stored with the results (to find them); at: when the run happened, for dates (default startedAt) */
  run: TriageRun,
  reportId: string,
): Promise<TriageUpdate> {
  const at = run.at ?? run.startedAt;
  const failing = await readFailing(client, run, at, reportId);
  const created = await createItems(client, run, at, failing.filter((f) => !f.itemId));
  const reopened = await countFailures(client, run.id, at, failing.filter((f) => f.itemId));
  const resolved = await countPasses(client, run, at, reportId);
  return { created, reopened, resolved };
}

/**
 * Concurrent uploads to one project touch the same items: triage them one at
 * a time (until commit of the triage transaction) instead of deadlocking on row order.
 */
export async function lockProjectTriage(client: pg.PoolClient, projectId: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('runboard:triage:' || $1::text))`, [projectId]);
}

/**
 * This report's failed and errored results with their spec's item, if any (the text only for specs without one),
 * and whether the item's first failure is later than this run (at). Only triage moves an item's first failure, and
 * the caller holds the project's triage lock: it is still what countFailures finds when it writes the items.
 */
async function readFailing(client: pg.PoolClient, run: TriageRun, at: Date, reportId: string): Promise<FailingRow[]> {
  const { rows } = await client.query<FailingRow>(
    `SELECT r."testCaseId", r.status, r.flaky, r."signatureId", t.id AS "itemId", t.status AS "itemStatus",
            coalesce(t."firstSeenAt" > $5, false) AS "itemLater",
            CASE WHEN t.id IS NULL THEN r.message END AS message,
            CASE WHEN t.id IS NULL THEN left(r.details, 4000) END AS details,
            CASE WHEN t.id IS NULL THEN r."failureType" END AS "failureType"
       FROM test_results r LEFT JOIN triage_items t ON t."testCaseId" = r."testCaseId"
      WHERE r."projectId" = $3 AND r."runStartedAt" = $4 AND r."runId" = $1 AND r."reportId" = $2 AND r.status IN ('failed', 'errored')`,
    [run.id, reportId, run.projectId, run.startedAt, at],
  );
  return rows;
}

/** New items for specs failing for the first time, with a suggested category, their history and owner. Returns how many. */
async function createItems(client: pg.PoolClient, run: TriageRun, at: Date, fresh: FailingRow[]): Promise<number> {
  if (!fresh.length) return 0;
  const categories = await ensureCategories(client, run.projectId);
  const suggestions = await suggestAll(client, run.id, fresh, categories);
  const { rows: inserted } = await client.query(
    `INSERT INTO triage_items (id, "projectId", "testCaseId", status, "suggestedCategoryId", "suggestionReason", "signatureId",
                               "firstSeenAt", "lastSeenAt", "failureCount", "updatedAt")
     SELECT x.id, $1, x.tc, 'new', x.cat, x.reason, x.sig, $2, $2, 1, now()
       FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::uuid[]) AS x(id, tc, cat, reason, sig)
     ON CONFLICT ("testCaseId") DO NOTHING RETURNING id`,
    [run.projectId, at, fresh.map(() => uuidv7()), fresh.map((f) => f.testCaseId), suggestions.map((s) => s.categoryId),
      suggestions.map((s) => s.reason), fresh.map((f) => f.signatureId)],
  );
  await client.query(
    `INSERT INTO triage_events (id, "itemId", kind, "toValue", comment, "runId")
     SELECT gen_random_uuid(), x.id, 'created', 'new', 'First failure', $2 FROM unnest($1::uuid[]) AS x(id)`,
    [inserted.map((r) => r.id), run.id],
  );
  // ownership rules (lib/ownership): new items go to their owner, the history names the rule
  await assignOwners(client, run, inserted.map((r) => r.id));
  return inserted.length;
}

/** A suggested category for each new failure, from its text, the run's failed phases and the signature's history. */
async function suggestAll(client: pg.PoolClient, runId: string, fresh: FailingRow[], categories: Map<string, string>) {
  const keyOf = new Map([...categories].map(([k, id]) => [id, k]));
  const { rows: phases } = await client.query(
    `SELECT name, status::text AS status, attributes FROM phases
      WHERE "runId" = $1 AND (status IN ('failed', 'cancelled') OR coalesce((attributes->>'oomKills')::int, 0) > 0)`,
    [runId],
  );
  const sigIds = [...new Set(fresh.map((f) => f.signatureId).filter((s): s is string => !!s))];
  const history = new Map<string, { categoryKey: string; count: number }[]>();
  if (sigIds.length) {
    const { rows } = await client.query(
      `SELECT "signatureId", "categoryId", count(*)::int AS n FROM triage_items
        WHERE "signatureId" = ANY($1::uuid[]) AND "categoryId" IS NOT NULL GROUP BY 1, 2`,
      [sigIds],
    );
    for (const r of rows) {
      const key = keyOf.get(r.categoryId);
      if (key) history.set(r.signatureId, [...(history.get(r.signatureId) ?? []), { categoryKey: key, count: r.n }]);
    }
  }
  return fresh.map((f) => {
    const s = suggestCategory({
      message: f.message, details: f.details, failureType: f.failureType, status: f.status === "errored" ? "error" : "failed",
      failedPhases: phases, flaky: f.flaky, history: f.signatureId ? history.get(f.signatureId) : undefined,
    });
    return { categoryId: categories.get(s.key) ?? categories.get("unanalysed") ?? null, reason: s.reason };
  });
}

/** Known items count the failure, restart their streak, and reopen if resolved (a regression). Returns how many reopened. */
async function countFailures(client: pg.PoolClient, runId: string, at: Date, known: FailingRow[]): Promise<number> {
  if (!known.length) return 0;
  // a run older than the item's first failure (history uploaded late, a
  // backfill) becomes its first failure: "opened" is the run's time, not the upload's.
  // Only those items' events are touched (usually none: no statement). Joining the
  // events with all known items instead let the planner, with the statistics a large
  // first upload leaves (thousands of new items, not yet analyzed), probe the items
  // once per event with the whole id list as an index condition: 1 s at 100k cases.
  const later = known.filter((k) => k.itemLater).map((k) => k.itemId!);
  if (later.length) {
    await client.query(`UPDATE triage_events SET "runId" = $2 WHERE "itemId" = ANY($1::uuid[]) AND kind = 'created'`, [later, runId]);
  }
  // one statement: the items and the "reopened" history of those that had been resolved (issue #17: every
  // round trip under the project's lock is paid by each upload of the project waiting for it)
  const back = known.filter((k) => k.itemStatus === "resolved").map((k) => k.itemId!);
  await client.query(
    `WITH hit AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS x(id, sig)),
     counted AS (
       UPDATE triage_items t SET
              status = CASE WHEN t.status = 'resolved' THEN 'new'::"TriageStatus" ELSE t.status END,
              "resolvedAt" = CASE WHEN t.status = 'resolved' THEN NULL ELSE t."resolvedAt" END,
              "failureCount" = t."failureCount" + 1, "consecutivePasses" = 0,
              "firstSeenAt" = least(t."firstSeenAt", $3), "lastSeenAt" = greatest(t."lastSeenAt", $3), "signatureId" = coalesce(hit.sig, t."signatureId"), "updatedAt" = now()
         FROM hit WHERE t.id = hit.id)
     INSERT INTO triage_events (id, "itemId", kind, "fromValue", "toValue", comment, "runId")
     SELECT gen_random_uuid(), x.id, 'reopened', 'resolved', 'new', 'Failed again after it was resolved: a regression', $5
       FROM unnest($4::uuid[]) AS x(id)`,
    [known.map((k) => k.itemId), known.map((k) => k.signatureId), at, back, runId],
  );
  return back.length;
}

/**
 * Passing streaks of open items; auto-resolve at the project's threshold.
 * Driven from the project's open items (few) rather than the report's results
 * (up to 100k), in plain steps: the planner cannot pick a bad join on a young
 * table without statistics (one such plan took 55 s on a fresh database).
 * Returns how many resolved.
 */
async function countPasses(client: pg.PoolClient, run: TriageRun, at: Date, reportId: string): Promise<number> {
  const { rows: open } = await client.query(
    // a pass from a run older than the item's last failure (a late upload) says nothing about the fix
    `SELECT id, "testCaseId" FROM triage_items t WHERE "projectId" = $1 AND ${openTriageSql("t")} AND "lastSeenAt" < $2`,
    [run.projectId, at],
  );
  if (!open.length) return 0;
  const { rows: passedCases } = await client.query(
    `SELECT DISTINCT "testCaseId" FROM test_results
      WHERE "projectId" = $5 AND "testCaseId" = ANY($1::uuid[]) AND "runStartedAt" = $2 AND "runId" = $3 AND "reportId" = $4
        AND status = 'passed' AND NOT flaky`,
    [open.map((o) => o.testCaseId), run.startedAt, run.id, reportId, run.projectId],
  );
  const passed = new Set(passedCases.map((r) => r.testCaseId as string));
  const ids = open.filter((o) => passed.has(o.testCaseId)).map((o) => o.id as string).sort();
  if (!ids.length) return 0;
  // One statement (issue #17): the streaks, the resolutions and their history. The items are locked first
  // and read as they are now (a person may have changed one since the read above: it is skipped if it is
  // no longer open, and its history says the status it really had). Each row is updated once per
  // transaction: a second update of a row written by the same transaction re-checks its foreign keys.
  const { rows: resolved } = await client.query<{ id: string }>(
    `WITH old AS (SELECT id, status FROM triage_items o WHERE o.id = ANY($1::uuid[]) AND ${openTriageSql("o")} ORDER BY id FOR UPDATE),
     counted AS (
       UPDATE triage_items t SET "consecutivePasses" = t."consecutivePasses" + 1,
              status = CASE WHEN t."consecutivePasses" + 1 >= p."autoResolveAfter" THEN 'resolved'::"TriageStatus" ELSE t.status END,
              "resolvedAt" = CASE WHEN t."consecutivePasses" + 1 >= p."autoResolveAfter" THEN now() ELSE t."resolvedAt" END,
              "updatedAt" = now()
         FROM old, projects p
        WHERE t.id = old.id AND p.id = t."projectId"
        RETURNING t.id, old.status::text AS from_status, t."consecutivePasses" AS passes, t.status = 'resolved' AS due),
     events AS (
       INSERT INTO triage_events (id, "itemId", kind, "fromValue", "toValue", comment, "runId")
       SELECT gen_random_uuid(), c.id, 'auto_resolved', c.from_status, 'resolved', c.passes || ' passing runs in a row', $2
         FROM counted c WHERE c.due)
     SELECT id FROM counted WHERE due`,
    [ids, run.id],
  );
  return resolved.length;
}
