// GET /api/v1/runs/:id/results?status=failed - a run's spec results, keyset-paged
import { z } from "zod";
import { db } from "@/lib/db";
import { apiRoute } from "@/lib/http/api-handler";
import { getRunOrThrow } from "@/lib/queries/get-run";
import { parseOrThrow } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  status: z.enum(["passed", "failed", "errored", "skipped", "pending"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.coerce.bigint().optional(),
});

export const GET = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await getRunOrThrow(params.id, principal.projectId);
  const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  const rows = await db().testResult.findMany({
    where: { runId: params.id, ...(q.status && { status: q.status }), ...(q.cursor !== undefined && { id: { gt: q.cursor } }) },
    orderBy: { id: "asc" },
    take: q.limit + 1,
    select: {
      id: true, status: true, durationMs: true, message: true, failureType: true, retries: true, flaky: true,
      testCase: { select: { id: true, suite: true, classname: true, name: true, file: true, requirementIds: true, testIds: true } },
      signature: { select: { hash: true, text: true } },
    },
  });
  const page = rows.slice(0, q.limit);
  return Response.json({
    results: page.map((r) => ({
      status: r.status, durationMs: r.durationMs, message: r.message, failureType: r.failureType, retries: r.retries, flaky: r.flaky,
      spec: r.testCase, signature: r.signature,
    })),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  });
});
