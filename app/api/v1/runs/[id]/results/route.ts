// GET /api/v1/runs/:id/results?status=failed - a run's spec results, keyset-paged
import { z } from "zod";
import { apiRoute } from "@/lib/http/api-handler";
import { findRunResultsForApi } from "@/lib/queries/find-run-results-api";
import { assertRunInProject } from "@/lib/queries/get-run";
import { RESULT_STATUSES } from "@/lib/schemas/status";
import { parseOrThrow } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  status: z.enum(RESULT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.coerce.bigint().optional(),
});

export const GET = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  const run = await assertRunInProject(params.id, principal.projectId);
  const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  return Response.json(await findRunResultsForApi(run, q));
});
