// The runs page: filtered, sorted and keyset-paged in the database. Counters
// and durations come from the run rows; results are never aggregated here.
// Plain SQL rather than Prisma: for a 50-row page Prisma's result mapping
// cost more than the query itself (measured with npm run bench:pages).
import { pool } from "@/lib/db";
import { type ProjectScope, inScope } from "@/lib/auth/project-access";
import { type Param, cursorOf, decodeCursor, encodeCursor, planSegments } from "@/lib/queries/run-keyset";
import { PAGE_SIZE, type RunListQuery } from "@/lib/schemas/run-list-query";
import type { SpecCounts } from "@/lib/format";
import type { RunStatus } from "@/lib/schemas/status";

export interface RunListRow extends SpecCounts {
  id: string;
  mode: string;
  branch: string | null;
  commitSha: string | null;
  externalId: string | null;
  runnerHost: string | null;
  startedAt: Date;
  durationMs: number | null;
  setupDurationMs: number | null;
  testDurationMs: number | null;
  setupRegression: boolean | null;
  status: RunStatus;
  setupOk: boolean | null;
  project: { slug: string; name: string };
}

export interface RunListPage {
  rows: RunListRow[];
  /** cursor for the next page (older, or further in the sort order); null on the last page */
  next: string | null;
  /** cursor for the previous page; null on the first page */
  prev: string | null;
  /** the project filter named a project that does not exist */
  unknownProject: boolean;
  /** how many runs match the filters, over all pages, counted up to RUN_COUNT_CAP */
  total: number;
  /** more than RUN_COUNT_CAP runs match: total is the cap ("10,000+") */
  totalCapped: boolean;
}

/**
 * Runs are counted up to this many (issue #17): an exact count of every run
 * read the whole (projectId, startedAt) index on each /runs view, ~55 ms at
 * 300k runs; past the cap the page says "10,000+".
 */
export const RUN_COUNT_CAP = 10_000;

/** `%`, `_` and `\` are wildcards in LIKE: a search for "feat_1" means those characters. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const SELECT = `SELECT r.id, r.mode, r.branch, r."commitSha", r."externalId", r."runnerHost",
       r."startedAt" AT TIME ZONE 'UTC' AS "startedAt", r."durationMs", r."setupDurationMs", r."testDurationMs", r."setupRegression",
       r.status::text AS status, r."setupOk", r."testsTotal", r."testsPassed", r."testsFailed", r."testsErrored",
       r."testsSkipped", r."testsPending", p.slug AS "projectSlug", p.name AS "projectName"
  FROM runs r JOIN projects p ON p.id = r."projectId"`;

function filterConditions(q: RunListQuery, projectId: string | null, scope: ProjectScope, param: Param): string[] {
  const where: string[] = [];
  if (projectId) where.push(`r."projectId" = ${param(projectId)}::uuid`);
  else if (scope) where.push(`r."projectId" = ANY(${param(scope)}::uuid[])`);
  if (q.mode) where.push(`r.mode = ${param(q.mode)}`);
  if (q.branch) where.push(`r.branch = ${param(q.branch)}`);
  if (q.status) where.push(`r.status = ${param(q.status)}::"RunStatus"`);
  if (q.from) where.push(`r."startedAt" >= ${param(q.from)}::date`);
  if (q.to) where.push(`r."startedAt" < ${param(q.to)}::date + 1`);
  if (q.q) {
    const contains = param(`%${likeEscape(q.q)}%`);
    where.push(`(r.branch ILIKE ${contains} OR r."commitSha" LIKE ${param(`${likeEscape(q.q.toLowerCase())}%`)}
               OR r."externalId" ILIKE ${contains} OR r."runnerHost" ILIKE ${contains})`);
  }
  return where;
}

/** `scope`: the reader's projects (null = all); a project outside it is as unknown as one that does not exist. */
export async function findRuns(q: RunListQuery, limit = PAGE_SIZE, scope: ProjectScope = null): Promise<RunListPage> {
  let projectId: string | null = null;
  if (q.project) {
    // one cheap lookup, so the planner sees a constant and uses the (projectId, …) indexes
    const { rows } = await pool().query<{ id: string }>(`SELECT id FROM projects WHERE slug = $1`, [q.project]);
    if (!rows[0] || !inScope(scope, rows[0].id)) return { rows: [], next: null, prev: null, unknownProject: true, total: 0, totalCapped: false };
    projectId = rows[0].id;
  }
  const counted = countRuns(q, projectId, scope);
  const backward = !q.after && Boolean(q.before);
  const cursor = decodeCursor(q.after ?? q.before, q.sort, q.dir);
  const wanted = limit + 1; // one extra row tells whether another page exists
  const rows: RunListRow[] = [];
  for (const segment of planSegments(q.sort, q.dir, cursor, backward && cursor !== null)) {
    const values: unknown[] = [];
    const param: Param = (v) => `$${values.push(v)}`;
    const where = [...filterConditions(q, projectId, scope, param), ...segment.where(param)];
    const { rows: got } = await pool().query(
      `${SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY ${segment.orderBy} LIMIT ${param(wanted - rows.length)}`,
      values,
    );
    for (const { projectSlug, projectName, ...r } of got) rows.push({ ...r, project: { slug: projectSlug, name: projectName } });
    if (rows.length >= wanted) break;
  }

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward && cursor) page.reverse();
  const enc = (r: RunListRow | undefined) => (r ? encodeCursor(cursorOf(r, q.sort, q.dir)) : null);
  const n = await counted;
  const counts = { total: Math.min(n, RUN_COUNT_CAP), totalCapped: n > RUN_COUNT_CAP };
  if (backward && cursor) {
    // came from a later page: there is always a next one; a previous one when the extra row was found
    return { rows: page, next: enc(page.at(-1)), prev: more ? enc(page[0]) : null, unknownProject: false, ...counts };
  }
  return { rows: page, next: more ? enc(page.at(-1)) : null, prev: cursor ? enc(page[0]) : null, unknownProject: false, ...counts };
}

/** Runs matching the filters (the cursor aside), counted beside the page's own query, up to one past the cap. */
async function countRuns(q: RunListQuery, projectId: string | null, scope: ProjectScope): Promise<number> {
  const values: unknown[] = [];
  const where = filterConditions(q, projectId, scope, (v) => `$${values.push(v)}`);
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM runs r ${where.length ? `WHERE ${where.join(" AND ")}` : ""} LIMIT ${RUN_COUNT_CAP + 1}) x`, values);
  return rows[0].n;
}
