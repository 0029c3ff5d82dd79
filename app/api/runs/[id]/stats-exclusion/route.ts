// POST /api/runs/:id/stats-exclusion { excluded, reason } - the project's team leads keep a run out of the timing statistics (or let it back in).
import { requireProjectRole } from "@/lib/auth/session";
import { sessionRoute } from "@/lib/http/session-route";
import { projectIdOf } from "@/lib/queries/project-of";
import { readJson } from "@/lib/http/read-body";
import { runStatsExclusionSchema } from "@/lib/schemas/run-stats-exclusion";
import { setRunStatsExclusion } from "@/lib/services/set-run-stats-exclusion";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ id: string }>("lead", async ({ req, params, user }) => {
  await requireProjectRole(user, await projectIdOf("run", params.id), "lead", `Run ${params.id}`);
  const body = await readJson(req, runStatsExclusionSchema);
  return Response.json(await setRunStatsExclusion(user, params.id, body));
});
