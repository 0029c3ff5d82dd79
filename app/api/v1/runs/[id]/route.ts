// GET /api/v1/runs/:id - one run with totals and phases
import { apiRoute } from "@/lib/http/api-handler";
import { getRunOrThrow, runToJson } from "@/lib/queries/get-run";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ params, principal }) =>
  Response.json(runToJson(await getRunOrThrow(params.id, principal.projectId))),
);
