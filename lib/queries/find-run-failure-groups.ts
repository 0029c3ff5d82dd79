// A run's failed and errored results grouped by failure signature (the
// normalized message), largest group first: 16 failures are often 5 causes.
// Identical normalized messages share one signature row, so one group holds
// every spec that failed that way.
import { pool } from "@/lib/db";
import { type RunKey, resolveRunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";

export const MAX_GROUPS = 200;
const MAX_SPECS = 50;

export interface FailureGroup {
  signatureId: string | null;
  signature: string | null;
  /** failed and errored results in the group */
  count: number;
  /** distinct specs among them */
  specCount: number;
  /** the first failure's message, up to 16,000 characters */
  example: string | null;
  /** up to 50 of the group's specs, by name */
  specs: { id: string; name: string }[];
}

export interface RunFailureGroups {
  /** the largest MAX_GROUPS groups */
  groups: FailureGroup[];
  /** all groups, shown or not */
  groupCount: number;
  failureCount: number;
}

/** `run`: the run (its project and start prune the month partitions), or its id. */
export async function findRunFailureGroups(run: RunKey | string): Promise<RunFailureGroups> {
  const key = await resolveRunKey(run);
  if (!key) return { groups: [], groupCount: 0, failureCount: 0 };
  const { rows } = await pool().query<FailureGroup & { groupCount: number; failureCount: number }>(
    `WITH g AS (
       SELECT r."signatureId", count(*)::int AS count, count(DISTINCT r."testCaseId")::int AS "specCount",
              (array_agg(left(coalesce(r.message, r.details), 16000) ORDER BY r.id))[1] AS example,
              array_agg(DISTINCT r."testCaseId") AS cases
         FROM test_results r
        WHERE ${runResultsWhere("r", 1)} AND r.status IN ('failed', 'errored')
        GROUP BY r."signatureId")
     SELECT g."signatureId", fs.text AS signature, g.count, g."specCount", g.example,
            (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name), '[]')
               FROM (SELECT tc.id, tc.name FROM test_cases tc WHERE tc.id = ANY(g.cases) ORDER BY tc.name LIMIT ${MAX_SPECS}) s) AS specs,
            count(*) OVER ()::int AS "groupCount", (sum(g.count) OVER ())::int AS "failureCount"
       FROM g LEFT JOIN failure_signatures fs ON fs.id = g."signatureId"
      ORDER BY g.count DESC, fs.text
      LIMIT ${MAX_GROUPS}`,
    runKeyParams(key),
  );
  return {
    groups: rows.map((r) => ({ signatureId: r.signatureId, signature: r.signature, count: r.count, specCount: r.specCount, example: r.example, specs: r.specs })),
    groupCount: rows[0]?.groupCount ?? 0,
    failureCount: rows[0]?.failureCount ?? 0,
  };
}
