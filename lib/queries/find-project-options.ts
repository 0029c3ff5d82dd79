// Projects for filter menus: a small table, read whole (the reader's projects only).
// Plain SQL: it is read on every /runs view, where Prisma's per-query compilation cost more than the query.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";

export async function findProjectOptions(scope: ProjectScope = null): Promise<{ slug: string; name: string }[]> {
  const { rows } = await pool().query<{ slug: string; name: string }>(
    `SELECT slug, name FROM projects WHERE $1::uuid[] IS NULL OR id = ANY($1) ORDER BY slug LIMIT 500`,
    [scope],
  );
  return rows;
}
