// POST /api/teams { slug, name } - admins and team leads create a team.
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { createTeam, teamInputSchema } from "@/lib/ownership/teams";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("lead", async ({ req }) => {
  const { slug, name } = await readJson(req, teamInputSchema);
  return Response.json(await createTeam(slug, name), { status: 201 });
});
