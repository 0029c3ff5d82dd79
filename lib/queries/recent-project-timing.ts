// The timing page's figures (decision 27): computed at most once a minute per
// project and filter in each web process; afresh at once after this process
// stored a lead's change (a run kept out of the statistics or deleted, the
// timing settings), and within NEW_RUNS_RECOMPUTE_MS of a run stored or
// finished here (under a CI flood every view would otherwise recompute). At
// 2,000 runs the report reads ~14k phases and costs ~0.2 s of CPU per view, and
// the same figures are asked for by every reader of the project; the page says
// when they were computed. The API (/api/v1/projects/:p/timing) and the
// notifications are always computed fresh.
import { LRUCache } from "lru-cache";
import type { ProjectScope } from "@/lib/auth/project-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type ProjectTiming, type TimingQuery, getProjectTiming } from "@/lib/queries/get-project-timing";

export const TIMING_MAX_AGE_MS = 60_000;
/** figures older than a run stored since are recomputed once they are this old */
export const NEW_RUNS_RECOMPUTE_MS = 30_000;
/** the figures kept per process, counted in chart points (runs): ten views of a 2,000-run project */
export const TIMING_CACHE_MAX_POINTS = 20_000;

export type ProjectTimingAsOf = ProjectTiming & { computedAt: string };
type Context = { slug: string; q: TimingQuery };

// on globalThis: Next.js bundles each route apart, and a change stored by an API route must reach the page's cache
const g = globalThis as unknown as {
  __runboardTiming?: { generation: Map<string, number>; runStoredAt: Map<string, number>; cache: LRUCache<string, ProjectTimingAsOf, Context> };
};
function state() {
  return (g.__runboardTiming ??= {
    generation: new Map(),
    runStoredAt: new Map(),
    cache: new LRUCache<string, ProjectTimingAsOf, Context>({
      // a busy project's figures hold 2,000 runs' points and checks (~1-2 MB): the memory is bounded by
      // points, not by entries (50 entries of a busy project were ~100 MB)
      maxSize: TIMING_CACHE_MAX_POINTS,
      sizeCalculation: (v) => v.report.points.length + 1,
      ttl: TIMING_MAX_AGE_MS,
      // concurrent views of one project and filter wait for the one computation in flight
      // the time the computation started: a run committed while it reads may be missing from it
      fetchMethod: async (_key, _stale, { context }) => {
        const computedAt = new Date().toISOString();
        return { ...(await getProjectTiming(context.slug, context.q)), computedAt };
      },
    }),
  });
}

/**
 * Something the timing figures of the project depend on changed in this process.
 * "edit" (a run kept out of the statistics or let back in, a run deleted, the
 * settings): the next view computes afresh. "run" (a run stored, given phases or
 * finished, after its commit): the next view once the figures are
 * NEW_RUNS_RECOMPUTE_MS old. Other web processes see either within TIMING_MAX_AGE_MS.
 */
export function timingChanged(projectId: string, kind: "edit" | "run" = "edit"): void {
  const s = state();
  if (kind === "run") s.runStoredAt.set(projectId, Date.now());
  else s.generation.set(projectId, (s.generation.get(projectId) ?? 0) + 1);
}

/** getProjectTiming for the page; the reader's access is checked on every view, cached or not. */
export async function getRecentProjectTiming(slug: string, q: TimingQuery, scope: ProjectScope = null): Promise<ProjectTimingAsOf> {
  const project = await db().project.findFirst({ where: { slug, ...(scope && { id: { in: [...scope] } }) }, select: { id: true } });
  if (!project) throw new AppError("not_found", `Project "${slug}" does not exist`);
  const s = state();
  const key = JSON.stringify([project.id, s.generation.get(project.id) ?? 0, q.branch ?? null, q.from ?? null, q.to ?? null, q.host ?? null,
    q.population ?? null, q.outliers ?? null, q.window ?? null]);
  const cached = s.cache.peek(key);
  const age = cached ? Date.now() - Date.parse(cached.computedAt) : 0;
  const forceRefresh = !!cached && Date.parse(cached.computedAt) < (s.runStoredAt.get(project.id) ?? 0) && age >= NEW_RUNS_RECOMPUTE_MS;
  return (await s.cache.fetch(key, { context: { slug, q }, forceRefresh }))!;
}
