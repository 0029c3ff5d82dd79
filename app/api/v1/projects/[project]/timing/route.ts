// GET /api/v1/projects/:project/timing - durations by mode with n, medians, intervals and tests
import { assertProject } from "@/lib/auth/authenticate-token";
import { apiRoute } from "@/lib/http/api-handler";
import { getProjectTiming, timingQuerySchema } from "@/lib/queries/get-project-timing";
import { parseOrThrow } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ project: string }>(async ({ req, params, principal }) => {
  assertProject(principal, params.project);
  const q = parseOrThrow(timingQuerySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  return Response.json(await getProjectTiming(params.project, q));
});
