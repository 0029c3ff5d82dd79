// PATCH /api/projects/:project/timing-settings { compareAcrossTemplates, includeTryOutRuns } - team leads choose which runs the timing statistics compare.
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { timingPopulationSettingsSchema } from "@/lib/schemas/project-settings";
import { updateProjectSettings } from "@/lib/services/update-project-settings";

export const dynamic = "force-dynamic";

export const PATCH = projectRoute<{ project: string }>("lead", async ({ req, params }) => {
  const body = await readJson(req, timingPopulationSettingsSchema);
  const p = await updateProjectSettings(params.project, body);
  return Response.json({ compareAcrossTemplates: p.compareAcrossTemplates, includeTryOutRuns: p.includeTryOutRuns });
});
