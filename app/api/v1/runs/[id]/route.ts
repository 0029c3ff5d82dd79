// GET /api/v1/runs/:id - one run with totals and phases
import { apiRoute } from "@/lib/http/api-handler";
import { runToJson } from "@/lib/queries/get-run";
import { getRunForApi } from "@/lib/queries/get-run-api";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) =>
  Response.json(runToJson(await getRunForApi(params.id, principal.projectId))),
);
