// The modes each project's runs were posted with (sequential, parallel, …),
// for the runs page's mode menu. A loose index scan of (projectId, mode, …):
// per project, the next mode after the last one found, one index probe each,
// so the cost is the number of modes, not of runs (a DISTINCT read every run's
// index entry: 10 ms at 60k runs, 5x that at 300k, on every /runs view).
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";

/** The modes each visible project's runs use (`scope`: the reader's project ids, null = all). */
export async function findProjectModes(scope: ProjectScope = null): Promise<Record<string, string[]>> {
  const { rows } = await pool().query<{ slug: string; mode: string }>(
    `SELECT p.slug, m.mode FROM projects p
      CROSS JOIN LATERAL (
        WITH RECURSIVE t(mode) AS (
          SELECT min(mode) FROM runs WHERE "projectId" = p.id
          UNION ALL
          SELECT (SELECT min(mode) FROM runs WHERE "projectId" = p.id AND mode > t.mode) FROM t WHERE t.mode IS NOT NULL)
        SELECT mode FROM t WHERE mode IS NOT NULL) m
      WHERE $1::uuid[] IS NULL OR p.id = ANY($1)
      ORDER BY p.slug, m.mode`, [scope]);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.slug] ??= []).push(r.mode);
  return out;
}
