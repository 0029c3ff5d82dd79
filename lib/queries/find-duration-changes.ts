// Durations per spec and per phase in two adjacent windows of a project's runs
// (default: the last 14 days against the 14 before), ranked by how much they
// changed (lib/analysis/timing/duration-changes.ts). Only passing results and
// phases count: a failure ends early or runs into a timeout, which says
// nothing about how long the work takes.
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { type DurationChangeEstimate, type DurationSeries, MAX_PER_SIDE, rankChanges } from "@/lib/analysis/timing/duration-changes";
import { pool } from "@/lib/db";

const DAY = 86_400_000;

export const durationChangesQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(365).default(14),
  mode: z.string().trim().min(1).max(100).optional(),
  branch: z.string().trim().min(1).max(200).optional(),
  /** end of the later window (ISO date-time); default now */
  until: z.iso.datetime({ offset: true }).optional(),
});
export type DurationChangesQuery = z.infer<typeof durationChangesQuerySchema>;

export interface DurationChanges {
  windows: { before: { from: string; to: string }; after: { from: string; to: string } };
  /** runs in each window (after the mode and branch filters) */
  runs: { before: number; after: number };
  specs: DurationChangeEstimate[];
  phases: DurationChangeEstimate[];
}

export interface DurationChangesAsOf extends DurationChanges {
  /** when these figures were computed (ISO) */
  computedAt: string;
}

interface Row {
  key: string;
  name: string;
  before: number[] | null;
  after: number[] | null;
}

const series = (kind: DurationSeries["kind"]) => (r: Row): DurationSeries => ({ kind, key: r.key, name: r.name, before: r.before ?? [], after: r.after ?? [] });

export async function findDurationChanges(projectId: string, q: DurationChangesQuery): Promise<DurationChanges> {
  const to = q.until ? new Date(q.until) : new Date();
  const split = new Date(to.getTime() - q.days * DAY);
  const from = new Date(split.getTime() - q.days * DAY);
  // timestamps are stored without zone, in UTC
  const utc = (d: Date) => d.toISOString().replace("Z", "");
  const params = [projectId, utc(from), utc(split), utc(to), q.mode ?? null, q.branch ?? null, MAX_PER_SIDE];
  // a run's time is its start as the evidence has it (a late upload keeps its window); runs a lead kept out stay out here too
  const at = `coalesce(r."windowStart", r."startedAt")`;
  const runFilter = `r."projectId" = $1 AND NOT r."statsExcluded" AND ${at} >= $2::timestamp AND ${at} < $4::timestamp
    AND ($5::text IS NULL OR r.mode = $5) AND ($6::text IS NULL OR r.branch = $6)`;
  // the newest MAX_PER_SIDE runs of each window: each spec keeps at most that
  // many values a side anyway, and the read stays bounded however many runs a
  // busy project has in 14 days (a spec missing from some of them has fewer values)
  const picked = `SELECT id, "projectId", "startedAt", at, later FROM (
      SELECT r.id, r."projectId", r."startedAt", ${at} AS at, ${at} >= $3::timestamp AS later,
             row_number() OVER (PARTITION BY ${at} >= $3::timestamp ORDER BY ${at} DESC, r.id DESC) AS k
        FROM runs r WHERE ${runFilter}) x WHERE k <= $7`;
  const [specs, phases, runs] = await Promise.all([
    pool().query<Row>(
      `WITH w AS MATERIALIZED (${picked})
       SELECT t."testCaseId" AS key, min(tc.name) AS name,
              (array_agg(t."durationMs" ORDER BY w.at DESC) FILTER (WHERE NOT w.later))[1:$7] AS before,
              (array_agg(t."durationMs" ORDER BY w.at DESC) FILTER (WHERE w.later))[1:$7] AS after
         FROM w
         JOIN test_results t ON t."runId" = w.id AND t."projectId" = w."projectId" AND t."runStartedAt" = w."startedAt"
         JOIN test_cases tc ON tc.id = t."testCaseId"
        WHERE t.status = 'passed' AND t."durationMs" IS NOT NULL
        GROUP BY t."testCaseId"`,
      params,
    ),
    pool().query<Row>(
      `WITH w AS MATERIALIZED (${picked}), p AS (
         SELECT coalesce(ph."canonicalName", ph.name) AS key, w.at, w.later,
                coalesce(ph."durationMs", (extract(epoch FROM ph."finishedAt" - ph."startedAt") * 1000)::int) AS ms
           FROM w JOIN phases ph ON ph."runId" = w.id
          WHERE ph.status = 'passed')
       SELECT key, key AS name,
              (array_agg(ms ORDER BY at DESC) FILTER (WHERE NOT later))[1:$7] AS before,
              (array_agg(ms ORDER BY at DESC) FILTER (WHERE later))[1:$7] AS after
         FROM p WHERE ms IS NOT NULL GROUP BY key`,
      params,
    ),
    pool().query<{ before: number; after: number }>(
      `SELECT count(*) FILTER (WHERE ${at} < $3::timestamp)::int AS before, count(*) FILTER (WHERE ${at} >= $3::timestamp)::int AS after
         FROM runs r WHERE ${runFilter} AND r."finishedAt" IS NOT NULL`,
      params.slice(0, 6),
    ),
  ]);
  return {
    windows: { before: { from: from.toISOString(), to: split.toISOString() }, after: { from: split.toISOString(), to: to.toISOString() } },
    runs: runs.rows[0],
    specs: await rankChanges(specs.rows.map(series("spec"))),
    phases: await rankChanges(phases.rows.map(series("phase"))),
  };
}

/**
 * For the timing page: the same, computed at most once a minute per project
 * and filter in each web process (decision 26). The analysis reads up to 80
 * runs of results and ranks every spec (~0.2-0.4 s of CPU with 1,000-spec
 * runs), and one more run hardly moves a comparison of two 14-day windows;
 * the page says when its figures were computed. The API is always fresh
 * (CI may gate on the run it just sent).
 */
export const DURATION_CHANGES_MAX_AGE_MS = 60_000;
const recent = new LRUCache<string, DurationChangesAsOf, { projectId: string; q: DurationChangesQuery }>({
  max: 500,
  ttl: DURATION_CHANGES_MAX_AGE_MS,
  // concurrent views of one project wait for the one computation in flight
  fetchMethod: async (_key, _stale, { context }) => ({ ...(await findDurationChanges(context.projectId, context.q)), computedAt: new Date().toISOString() }),
});

export async function findRecentDurationChanges(projectId: string, q: Omit<DurationChangesQuery, "until">): Promise<DurationChangesAsOf> {
  const key = JSON.stringify([projectId, q.days, q.mode ?? null, q.branch ?? null]);
  return (await recent.fetch(key, { context: { projectId, q } }))!;
}
