// GET /api/v1/runs: a project's runs, newest first, keyset-paged.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { cursorOf, decodeCursor, encodeCursor } from "@/lib/queries/run-keyset";
import { RUN_STATUSES } from "@/lib/schemas/status";
import { z } from "zod";

export const listRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
  mode: z.string().max(40).optional(),
  branch: z.string().max(250).optional(),
  status: z.enum(RUN_STATUSES).optional(),
});

/** The API pages newest first: the runs page's keyset codec with its default order. */
function decodeApiCursor(raw: string): { startedAt: Date; id: string } {
  const c = decodeCursor(raw, "started", "desc");
  if (!c || typeof c.value !== "string") {
    throw new AppError("validation_failed", "Invalid query", [{ path: "cursor", message: "not a cursor this API returned" }]);
  }
  return { startedAt: new Date(c.value), id: c.id };
}

export async function findRunsForApi(projectId: string, q: z.infer<typeof listRunsQuerySchema>) {
  const after = q.cursor ? decodeApiCursor(q.cursor) : undefined;
  const runs = await db().run.findMany({
    where: {
      projectId,
      ...(q.mode && { mode: q.mode }),
      ...(q.branch && { branch: q.branch }),
      ...(q.status && { status: q.status }),
      ...(after && { OR: [{ startedAt: { lt: after.startedAt } }, { startedAt: after.startedAt, id: { lt: after.id } }] }),
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    include: { project: { select: { slug: true } } },
  });
  const page = runs.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = runs.length > q.limit && last ? encodeCursor(cursorOf(last, "started", "desc")) : null;
  return { page, nextCursor };
}
