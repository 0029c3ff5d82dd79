// The runs page: filtered, sorted and keyset-paged in the database. Counters
// and durations come from the run rows; results are never aggregated here.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { cursorOf, decodeCursor, encodeCursor, planSegments } from "@/lib/queries/run-keyset";
import { PAGE_SIZE, type RunListQuery } from "@/lib/schemas/run-list-query";

const runListSelect = {
  id: true, mode: true, branch: true, commitSha: true, externalId: true, runnerHost: true, startedAt: true,
  durationMs: true, setupDurationMs: true, testDurationMs: true, status: true, setupOk: true,
  testsTotal: true, testsPassed: true, testsFailed: true, testsErrored: true, testsSkipped: true, testsPending: true,
  project: { select: { slug: true, name: true } },
} satisfies Prisma.RunSelect;

export type RunListRow = Prisma.RunGetPayload<{ select: typeof runListSelect }>;

export interface RunListPage {
  rows: RunListRow[];
  /** cursor for the next page (older, or further in the sort order); null on the last page */
  next: string | null;
  /** cursor for the previous page; null on the first page */
  prev: string | null;
  /** the project filter named a project that does not exist */
  unknownProject: boolean;
}

/** `%`, `_` and `\` are wildcards in LIKE: a search for "feat_1" means those characters. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const DAY = 86_400_000;

export async function findRuns(q: RunListQuery, limit = PAGE_SIZE): Promise<RunListPage> {
  const filters: Prisma.RunWhereInput[] = [];
  if (q.project) {
    // one cheap lookup, so the planner sees a constant and uses the (projectId, …) indexes
    const project = await db().project.findUnique({ where: { slug: q.project }, select: { id: true } });
    if (!project) return { rows: [], next: null, prev: null, unknownProject: true };
    filters.push({ projectId: project.id });
  }
  if (q.mode) filters.push({ mode: q.mode });
  if (q.branch) filters.push({ branch: q.branch });
  if (q.status) filters.push({ status: q.status });
  if (q.from) filters.push({ startedAt: { gte: new Date(`${q.from}T00:00:00Z`) } });
  if (q.to) filters.push({ startedAt: { lt: new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY) } });
  if (q.q) {
    const contains = likeEscape(q.q);
    filters.push({
      OR: [
        { branch: { contains, mode: "insensitive" } },
        { commitSha: { startsWith: likeEscape(q.q.toLowerCase()) } },
        { externalId: { contains, mode: "insensitive" } },
        { runnerHost: { contains, mode: "insensitive" } },
      ],
    });
  }

  const backward = !q.after && Boolean(q.before);
  const cursor = decodeCursor(q.after ?? q.before, q.sort, q.dir);
  const wanted = limit + 1; // one extra row tells whether another page exists
  const rows: RunListRow[] = [];
  for (const segment of planSegments(q.sort, q.dir, cursor, backward && cursor !== null)) {
    const got = await db().run.findMany({
      where: { AND: [...filters, segment.where] },
      orderBy: segment.orderBy,
      take: wanted - rows.length,
      select: runListSelect,
    });
    rows.push(...got);
    if (rows.length >= wanted) break;
  }

  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward && cursor) page.reverse();
  const enc = (r: RunListRow | undefined) => (r ? encodeCursor(cursorOf(r, q.sort, q.dir)) : null);
  if (backward && cursor) {
    // came from a later page: there is always a next one; a previous one when the extra row was found
    return { rows: page, next: enc(page.at(-1)), prev: more ? enc(page[0]) : null, unknownProject: false };
  }
  return { rows: page, next: more ? enc(page.at(-1)) : null, prev: cursor ? enc(page[0]) : null, unknownProject: false };
}
