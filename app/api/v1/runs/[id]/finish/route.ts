// POST /api/v1/runs/:id/finish - close the run; its status is computed, not taken
import { apiRoute } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/read-body";
import { assertRunInProject, runToJson } from "@/lib/queries/get-run";
import { finishRunSchema } from "@/lib/schemas/run";
import { finishRun } from "@/lib/services/finish-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await assertRunInProject(params.id, principal.projectId);
  const input = await readJson(req, finishRunSchema);
  const verdict = await finishRun(params.id, input, principal.projectId, undefined, { answer: true });
  return Response.json({ ...runToJson(verdict.run!), reason: verdict.reason });
});
