// POST /api/v1/runs - create a run (idempotent on externalId)
// GET  /api/v1/runs - the token's project's runs, newest first
import { assertProject } from "@/lib/auth/authenticate-token";
import { apiRoute } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/read-body";
import { findRunsForApi, listRunsQuerySchema } from "@/lib/queries/find-runs-api";
import { runToJson } from "@/lib/queries/get-run";
import { createRunSchema } from "@/lib/schemas/run";
import { parseOrThrow } from "@/lib/schemas/validation";
import { createRunForApi } from "@/lib/services/create-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ req, principal }) => {
  const input = await readJson(req, createRunSchema);
  assertProject(principal, input.project);
  const { run, created } = await createRunForApi(principal.projectId, input);
  return Response.json(runToJson(run), { status: created ? 201 : 200 });
});

export const GET = apiRoute(async ({ req, principal }) => {
  const q = parseOrThrow(listRunsQuerySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  const { page, nextCursor } = await findRunsForApi(principal.projectId, q);
  return Response.json({ runs: page.map((r) => runToJson(r)), nextCursor });
});
