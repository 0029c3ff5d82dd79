// POST /api/runs/:id/stats-exclusion { excluded, reason } - team leads keep a run out of the timing statistics (or let it back in).
import { sessionRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { runStatsExclusionSchema } from "@/lib/schemas/run-stats-exclusion";
import { setRunStatsExclusion } from "@/lib/services/set-run-stats-exclusion";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ id: string }>("lead", async ({ req, params, user }) => {
  const body = await readJson(req, runStatsExclusionSchema);
  return Response.json(await setRunStatsExclusion(user, params.id, body));
});
