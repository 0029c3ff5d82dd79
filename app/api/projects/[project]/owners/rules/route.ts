// POST /api/projects/:project/owners/rules { kind, pattern, owner } - team leads add a rule at the end.
import { sessionRoute } from "@/lib/auth/session-route";
import { readJson } from "@/lib/http/read-body";
import { ownerRuleSchema } from "@/lib/ownership/owners-file";
import { addRule } from "@/lib/ownership/rules";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export const POST = sessionRoute<{ project: string }>("lead", async ({ req, params }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  const rule = await readJson(req, ownerRuleSchema);
  const r = await addRule(project.id, rule);
  return Response.json({ id: r.id }, { status: 201 });
});
