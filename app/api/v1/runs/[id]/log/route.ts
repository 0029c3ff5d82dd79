// POST /api/v1/runs/:id/log - append output chunks to a CI run's live log tail (runboard exec)
import { apiRoute } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/read-body";
import { assertRunInProject } from "@/lib/queries/get-run";
import { runLogPayloadSchema } from "@/lib/schemas/run-log";
import { appendRunLog } from "@/lib/services/run-log";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await assertRunInProject(params.id, principal.projectId);
  const { chunks } = await readJson(req, runLogPayloadSchema);
  return Response.json(await appendRunLog(params.id, chunks));
});
