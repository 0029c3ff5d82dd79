// POST /api/projects/:project/tokens { name } - team leads create a CI token (shown once in the answer).
import { z } from "zod";
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { createApiToken } from "@/lib/services/create-api-token";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string }>("lead", async ({ req, user, project }) => {
  const { name } = await readJson(req, z.object({ name: z.string().trim().min(1).max(100) }));
  const t = await createApiToken(project.id, name, user.id);
  return Response.json(t, { status: 201, headers: { "cache-control": "no-store" } });
});
