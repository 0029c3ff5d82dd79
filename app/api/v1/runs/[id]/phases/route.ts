// POST /api/v1/runs/:id/phases - record phase timings (re-sending a name updates it)
import { apiRoute } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/read-body";
import { assertRunInProject, runToJson } from "@/lib/queries/get-run";
import { phasesPayloadSchema } from "@/lib/schemas/phases";
import { recordPhases } from "@/lib/services/record-phases";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await assertRunInProject(params.id, principal.projectId);
  const { phases } = await readJson(req, phasesPayloadSchema);
  const { run } = await recordPhases(params.id, phases, principal.projectId, undefined, { answer: true });
  return Response.json(runToJson(run!));
});
