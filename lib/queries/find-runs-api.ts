// GET /api/v1/runs: a project's runs, newest first, keyset-paged.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { z } from "zod";

export const listRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
  mode: z.string().max(40).optional(),
  branch: z.string().max(250).optional(),
  status: z.enum(["running", "passed", "failed", "errored", "cancelled"]).optional(),
});

function decodeCursor(c: string): { startedAt: Date; id: string } {
  try {
    const [t, id] = Buffer.from(c, "base64url").toString().split("|");
    const startedAt = new Date(t);
    if (Number.isNaN(startedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error();
    return { startedAt, id };
  } catch {
    throw new AppError("validation_failed", "Invalid query", [{ path: "cursor", message: "not a cursor this API returned" }]);
  }
}

export async function findRunsForApi(projectId: string, q: z.infer<typeof listRunsQuerySchema>) {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
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
  const nextCursor = runs.length > q.limit && last ? Buffer.from(`${last.startedAt.toISOString()}|${last.id}`).toString("base64url") : null;
  return { page, nextCursor };
}
