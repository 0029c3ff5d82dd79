// The modes each project's runs were posted with (sequential, parallel, …),
// for the runs page's mode menu. An index-only scan of (projectId, mode, …).
import { pool } from "@/lib/db";

export async function findProjectModes(): Promise<Record<string, string[]>> {
  const { rows } = await pool().query<{ slug: string; mode: string }>(
    `SELECT p.slug, m.mode FROM (SELECT DISTINCT "projectId", mode FROM runs) m JOIN projects p ON p.id = m."projectId" ORDER BY p.slug, m.mode`);
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.slug] ??= []).push(r.mode);
  return out;
}
