// GET /api/v1/runs/compare?a=<id>&b=<id> - run B against run A, spec by spec and phase by phase
import { z } from "zod";
import { apiRoute } from "@/lib/http/api-handler";
import { getRunComparison } from "@/lib/queries/get-run-comparison";
import { getRunOrThrow, runToJson } from "@/lib/queries/get-run";
import { parseOrThrow } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

const querySchema = z.object({ a: z.string().min(1, "run A's id"), b: z.string().min(1, "run B's id") });

export const GET = apiRoute(async ({ req, principal }) => {
  const q = parseOrThrow(querySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  // 404 for an unknown id, 403 for another project's run, before anything is compared
  const [a, b] = await Promise.all([getRunOrThrow(q.a, principal.projectId), getRunOrThrow(q.b, principal.projectId)]);
  const { diff } = await getRunComparison(a.id, b.id);
  return Response.json({ a: runToJson(a), b: runToJson(b), ...diff });
});
