// POST /api/teams/:team/members { email } - add a member; DELETE with { email } - remove one.
// Admins, and leads of every project the team holds a role in (lib/ownership/teams.ts).
import { z } from "zod";
import { readJson } from "@/lib/http/read-body";
import { sessionRoute } from "@/lib/http/session-route";
import { addTeamMember, assertCanManageTeam, removeTeamMember } from "@/lib/ownership/teams";

export const dynamic = "force-dynamic";

const body = z.object({ email: z.string().trim().toLowerCase().email().max(254) });

export const POST = sessionRoute<{ team: string }>("lead", async ({ req, params, user }) => {
  const { email } = await readJson(req, body);
  await assertCanManageTeam(user, params.team);
  await addTeamMember(params.team, email);
  return Response.json({ team: params.team, email, added: true }, { status: 201 });
});

export const DELETE = sessionRoute<{ team: string }>("lead", async ({ req, params, user }) => {
  const { email } = await readJson(req, body);
  await assertCanManageTeam(user, params.team);
  await removeTeamMember(params.team, email);
  return Response.json({ team: params.team, email, removed: true });
});
