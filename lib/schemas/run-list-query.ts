// The runs page's view state, kept in the URL (/runs?project=..&sort=..) so a
// link reproduces the view. Parsing never throws: a value that does not fit
// is dropped, because a hand-edited or stale link should still show runs.
import { z } from "zod";
import { type SearchParams, firstValues } from "@/lib/schemas/search-params";
import { RUN_STATUSES } from "@/lib/schemas/status";

export const RUN_SORTS = ["started", "duration", "setup"] as const;
export type RunSort = (typeof RUN_SORTS)[number];
export const PAGE_SIZE = 50;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || undefined)
    .optional()
    .catch(undefined);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const runListQuerySchema = z.object({
  project: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional().catch(undefined),
  mode: optionalText(40).transform((s) => s?.toLowerCase()),
  branch: optionalText(250),
  status: z.enum(RUN_STATUSES).optional().catch(undefined),
  /** first day included, UTC (YYYY-MM-DD) */
  from: day,
  /** last day included, UTC (YYYY-MM-DD) */
  to: day,
  /** free text over branch, commit, external id and runner host */
  q: optionalText(200),
  sort: z.enum(RUN_SORTS).default("started").catch("started"),
  dir: z.enum(["asc", "desc"]).default("desc").catch("desc"),
  /** keyset cursors (lib/queries/run-keyset.ts); at most one is used, `after` first */
  after: z.string().max(500).optional().catch(undefined),
  before: z.string().max(500).optional().catch(undefined),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export function parseRunListQuery(sp: SearchParams): RunListQuery {
  return runListQuerySchema.parse(firstValues(sp));
}

const DEFAULTS: Partial<RunListQuery> = { sort: "started", dir: "desc" };

/** The URL of a view: defaults left out so links stay short and canonical. */
export function runListHref(q: Partial<RunListQuery>, changes: Partial<RunListQuery> = {}): string {
  const merged = { ...q, ...changes };
  const params = new URLSearchParams();
  for (const key of ["project", "mode", "branch", "status", "from", "to", "q", "sort", "dir", "after", "before"] as const) {
    const v = merged[key];
    if (v === undefined || v === "" || DEFAULTS[key] === v) continue;
    params.set(key, String(v));
  }
  const s = params.toString();
  return s ? `/runs?${s}` : "/runs";
}

/** The filters in force, without sort and paging (to tell "no runs at all" from "none match"). */
export function hasFilters(q: RunListQuery): boolean {
  return Boolean(q.project || q.mode || q.branch || q.status || q.from || q.to || q.q);
}
