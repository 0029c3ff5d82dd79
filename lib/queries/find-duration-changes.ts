// Durations per spec and per phase in two adjacent windows of a project's runs
// (default: the last 14 days against the 14 before), ranked by how much they
// changed (lib/analysis/timing/duration-changes.ts). Only passing results and
// phases count: a failure ends early or runs into a timeout, which says
// nothing about how long the work takes.
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
  const [specs, phases, runs] = await Promise.all([
    pool().query<Row>(
      `SELECT t."testCaseId" AS key, min(tc.name) AS name,
              (array_agg(t."durationMs" ORDER BY ${at} DESC) FILTER (WHERE ${at} < $3::timestamp))[1:$7] AS before,
              (array_agg(t."durationMs" ORDER BY ${at} DESC) FILTER (WHERE ${at} >= $3::timestamp))[1:$7] AS after
         FROM runs r
         JOIN test_results t ON t."runId" = r.id AND t."projectId" = r."projectId"
         JOIN test_cases tc ON tc.id = t."testCaseId"
        WHERE ${runFilter} AND t.status = 'passed' AND t."durationMs" IS NOT NULL
        GROUP BY t."testCaseId"`,
      params,
    ),
    pool().query<Row>(
      `WITH p AS (
         SELECT coalesce(ph."canonicalName", ph.name) AS key, ${at} AS at,
                coalesce(ph."durationMs", (extract(epoch FROM ph."finishedAt" - ph."startedAt") * 1000)::int) AS ms
           FROM runs r JOIN phases ph ON ph."runId" = r.id
          WHERE ${runFilter} AND ph.status = 'passed')
       SELECT key, key AS name,
              (array_agg(ms ORDER BY at DESC) FILTER (WHERE at < $3::timestamp))[1:$7] AS before,
              (array_agg(ms ORDER BY at DESC) FILTER (WHERE at >= $3::timestamp))[1:$7] AS after
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
    specs: rankChanges(specs.rows.map(series("spec"))),
    phases: rankChanges(phases.rows.map(series("phase"))),
  };
}
