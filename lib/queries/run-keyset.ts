// Keyset paging for the runs list. A page is found by seeking to the last
// (or first) row of the previous page, never by OFFSET, so page 2000 costs
// what page 1 costs. Sort columns may be null (a running run has no
// duration yet): such runs come last in either direction, which splits the
// order into two segments, "has a value" by (column, id) then "null" by id.
// Each segment is one indexed query; a page walks the segments in order.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunSort } from "@/lib/schemas/run-list-query";

export const SORT_COLUMN = { started: "startedAt", duration: "durationMs", setup: "setupDurationMs" } as const;
type Column = (typeof SORT_COLUMN)[RunSort];
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

export interface SegmentQuery {
  where: Prisma.RunWhereInput;
  orderBy: Prisma.RunOrderByWithRelationInput[];
}

const flip = (d: Dir): Dir => (d === "asc" ? "desc" : "asc");

/**
 * The queries for one page, in the order their rows are wanted.
 * `backward`: the page before the cursor (rows come in reverse; the caller flips them).
 */
export function planSegments(sort: RunSort, dir: Dir, cursor: RunCursor | null, backward = false): SegmentQuery[] {
  const col: Column = SORT_COLUMN[sort];
  const d = backward ? flip(dir) : dir;
  const lt = d === "desc" ? "lt" : "gt";
  const lte = d === "desc" ? "lte" : "gte";
  const nullable = col !== "startedAt";
  const valueSegment = (): SegmentQuery => {
    const where: Prisma.RunWhereInput[] = nullable ? [{ [col]: { not: null } }] : [];
    if (cursor && cursor.value !== null) {
      const v = col === "startedAt" ? new Date(cursor.value as string) : cursor.value;
      // the leading `<=` is what lets PostgreSQL seek in the (…, column, id) index
      where.push({ [col]: { [lte]: v } }, { OR: [{ [col]: { [lt]: v } }, { id: { [lt]: cursor.id } }] });
    }
    return { where: where.length ? { AND: where } : {}, orderBy: [{ [col]: d }, { id: d }] };
  };
  const nullSegment = (): SegmentQuery => ({
    where: { [col]: null, ...(cursor && cursor.value === null ? { id: { [lt]: cursor.id } } : {}) },
    orderBy: [{ id: d }],
  });
  if (!nullable) return [valueSegment()];
  // forward: values, then nulls; backward: nulls, then values
  const inNulls = cursor !== null && cursor.value === null;
  if (!backward) return inNulls ? [nullSegment()] : [valueSegment(), nullSegment()];
  if (cursor === null) return [nullSegment(), valueSegment()];
  return inNulls ? [nullSegment(), valueSegment()] : [valueSegment()];
}
