// GET /api/v1/projects/:project/duration-changes?days=14&mode=&branch= - specs and phases whose duration changed most between two windows
import { assertProject } from "@/lib/auth/authenticate-token";
import { apiRoute } from "@/lib/http/api-handler";
import { durationChangesQuerySchema, findDurationChanges } from "@/lib/queries/find-duration-changes";
import { parseOrThrow } from "@/lib/schemas/validation";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ project: string }>(async ({ req, params, principal }) => {
  assertProject(principal, params.project);
  const q = parseOrThrow(durationChangesQuerySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  return Response.json(await findDurationChanges(principal.projectId, q));
});
