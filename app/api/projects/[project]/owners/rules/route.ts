// POST /api/projects/:project/owners/rules { kind, pattern, owner } - team leads add a rule at the end.
import { projectRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { ownerRuleSchema } from "@/lib/ownership/owners-file";
import { addRule } from "@/lib/ownership/rules";

export const dynamic = "force-dynamic";

export const POST = projectRoute<{ project: string }>("lead", async ({ req, project }) => {
  const rule = await readJson(req, ownerRuleSchema);
  const r = await addRule(project.id, rule);
  return Response.json({ id: r.id }, { status: 201 });
});
