// PATCH /api/projects/:project/owners/rules/:id { move: "up" | "down" } - reorder; DELETE - remove (team leads).
import { z } from "zod";
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { readJson } from "@/lib/http/read-body";
import { deleteRule, moveRule } from "@/lib/ownership/rules";
import { isUuid } from "@/lib/schemas/uuid";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

async function target(params: { project: string; id: string }) {
  const project = await getProjectBySlugOrThrow(params.project);
  if (!isUuid(params.id)) throw new AppError("not_found", `Rule ${params.id} does not exist`);
  return project;
}

export const PATCH = projectRoute<{ project: string; id: string }>("lead", async ({ req, params }) => {
  const project = await target(params);
  const { move } = await readJson(req, z.object({ move: z.enum(["up", "down"]) }));
  await moveRule(project.id, params.id, move);
  return Response.json({ id: params.id, moved: move });
});

export const DELETE = projectRoute<{ project: string; id: string }>("lead", async ({ params }) => {
  const project = await target(params);
  await deleteRule(project.id, params.id);
  return Response.json({ id: params.id, deleted: true });
});
