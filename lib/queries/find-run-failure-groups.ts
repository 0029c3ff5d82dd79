// A run's failed and errored results grouped by failure signature (the
// normalized message), largest group first: 16 failures are often 5 causes.
import { pool } from "@/lib/db";

export interface FailureGroup {
  signatureId: string | null;
  signature: string | null;
  count: number;
  /** the first failure's message, up to 16,000 characters */
  example: string | null;
  /** up to 50 of the group's specs */
  specs: { id: string; name: string }[];
}

export async function findRunFailureGroups(runId: string): Promise<FailureGroup[]> {
  const { rows } = await pool().query<FailureGroup>(
    `SELECT r."signatureId" AS "signatureId", fs.text AS signature, count(*)::int AS count,
            (array_agg(left(coalesce(r.message, r.details), 16000) ORDER BY r.id))[1] AS example,
            (array_agg(json_build_object('id', tc.id, 'name', tc.name) ORDER BY tc.name))[1:50] AS specs
       FROM test_results r
       JOIN test_cases tc ON tc.id = r."testCaseId"
       LEFT JOIN failure_signatures fs ON fs.id = r."signatureId"
      WHERE r."runId" = $1 AND r.status IN ('failed', 'errored')
      GROUP BY r."signatureId", fs.text
      ORDER BY count(*) DESC, fs.text
      LIMIT 200`,
    [runId],
  );
  return rows;
}
