// Keyset paging for the runs list. A page is found by seeking to the last
// (or first) row of the previous page, never by OFFSET, so page 2000 costs
// what page 1 costs. Sort columns may be null (a running run has no
// duration yet): such runs come last in either direction, which splits the
// order into two segments, "has a value" by (column, id) then "null" by id.
// Each segment is one indexed query; a page walks the segments in order.
import { z } from "zod";
import type { RunSort } from "@/lib/schemas/run-list-query";

export const SORT_COLUMN = { started: "startedAt", duration: "durationMs", setup: "setupDurationMs" } as const;
type Dir = "asc" | "desc";

export interface RunCursor {
  sort: RunSort;
  dir: Dir;
  /** the sort column's value: ISO time for startedAt, ms for durations, null when missing */
  value: string | number | null;
  id: string;
}

const cursorSchema = z.object({
  s: z.enum(["started", "duration", "setup"]),
  d: z.enum(["asc", "desc"]),
  v: z.union([z.iso.datetime(), z.number().int(), z.null()]),
  i: z.uuid(),
});

export function encodeCursor(c: RunCursor): string {
  return Buffer.from(JSON.stringify({ s: c.sort, d: c.dir, v: c.value, i: c.id })).toString("base64url");
}

/** null for anything this code did not produce, or a cursor of another sort order (the view changed). */
export function decodeCursor(raw: string | undefined, sort: RunSort, dir: Dir): RunCursor | null {
  if (!raw) return null;
  try {
    const p = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!p.success || p.data.s !== sort || p.data.d !== dir) return null;
    if (sort === "started" ? typeof p.data.v !== "string" : typeof p.data.v === "string") return null;
    return { sort, dir, value: p.data.v, id: p.data.i };
  } catch {
    return null;
  }
}

export function cursorOf(row: { id: string; startedAt: Date; durationMs: number | null; setupDurationMs: number | null }, sort: RunSort, dir: Dir): RunCursor {
  const col = SORT_COLUMN[sort];
  const value = col === "startedAt" ? row.startedAt.toISOString() : row[col];
  return { sort, dir, value, id: row.id };
}

/** Registers a value for the query and returns its placeholder ($n). */
export type Param = (v: unknown) => string;

export interface SegmentQuery {
  /** SQL conditions on runs (alias r), to be joined with AND; each segment is its own query, with its own parameters */
  where: (param: Param) => string[];
  orderBy: string;
}

const flip = (d: Dir): Dir => (d === "asc" ? "desc" : "asc");

/**
 * The queries for one page, in the order their rows are wanted.
 * `backward`: the page before the cursor (rows come in reverse; the caller flips them).
 */
export function planSegments(sort: RunSort, dir: Dir, cursor: RunCursor | null, backward = false): SegmentQuery[] {
  const col = `r."${SORT_COLUMN[sort]}"`;
  const d = backward ? flip(dir) : dir;
  const [lt, lte, order] = d === "desc" ? ["<", "<=", "DESC"] : [">", ">=", "ASC"];
  const nullable = sort !== "started";
  const valueSegment = (): SegmentQuery => ({
    where: (param) => {
      const where = nullable ? [`${col} IS NOT NULL`] : [];
      if (cursor && cursor.value !== null) {
        // timestamps are stored without zone, in UTC: a literal's "Z" is ignored by ::timestamp
        const v = param(cursor.value) + (sort === "started" ? "::timestamp" : "::int");
        // the leading <= is what lets PostgreSQL seek in the (…, column, id) index
        where.push(`${col} ${lte} ${v}`, `(${col} ${lt} ${v} OR r.id ${lt} ${param(cursor.id)}::uuid)`);
      }
      return where;
    },
    orderBy: `${col} ${order}, r.id ${order}`,
  });
  const nullSegment = (): SegmentQuery => ({
    where: (param) => [`${col} IS NULL`, ...(cursor && cursor.value === null ? [`r.id ${lt} ${param(cursor.id)}::uuid`] : [])],
    orderBy: `r.id ${order}`,
  });
  if (!nullable) return [valueSegment()];
  // forward: values, then nulls; backward: nulls, then values
  const inNulls = cursor !== null && cursor.value === null;
  if (!backward) return inNulls ? [nullSegment()] : [valueSegment(), nullSegment()];
  if (cursor === null) return [nullSegment(), valueSegment()];
  return inNulls ? [nullSegment(), valueSegment()] : [valueSegment()];
}
