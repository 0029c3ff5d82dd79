// PATCH /api/projects/:project/retention { resultRetentionDays: number | null } - team leads set how long result rows and job logs are kept.
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { retentionSettingsSchema } from "@/lib/schemas/project-settings";
import { updateProjectSettings } from "@/lib/services/update-project-settings";

export const dynamic = "force-dynamic";

export const PATCH = projectRoute<{ project: string }>("lead", async ({ req, params }) => {
  const body = await readJson(req, retentionSettingsSchema);
  const p = await updateProjectSettings(params.project, body);
  return Response.json({ resultRetentionDays: p.resultRetentionDays });
});
