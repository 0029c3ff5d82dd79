// The modes each project's runs were posted with (sequential, parallel, …),
// for the runs page's mode menu. An index-only scan of (projectId, mode, …).
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";

/** The modes each visible project's runs use (`scope`: the reader's project ids, null = all). */
export async function findProjectModes(scope: ProjectScope = null): Promise<Record<string, string[]>> {
  const { rows } = await pool().query<{ slug: string; mode: string }>(
    `SELECT p.slug, m.mode FROM (SELECT DISTINCT "projectId", mode FROM runs WHERE $1::uuid[] IS NULL OR "projectId" = ANY($1)) m
       JOIN projects p ON p.id = m."projectId" ORDER BY p.slug, m.mode`, [scope]);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.slug] ??= []).push(r.mode);
  return out;
}
