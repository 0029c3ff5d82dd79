// GET /api/projects/:project/owners - the ownership rules as an OWNERS file (readers);
// PUT the same with { text } - replace them all (team leads; a bad line or unknown owner stores nothing).
import { z } from "zod";
import { inScope } from "@/lib/auth/project-access";
import { AppError } from "@/lib/errors";
import { projectRoute, readerRoute } from "@/lib/http/session-route";
import { readJson } from "@/lib/http/read-body";
import { parseOwnersFile, serializeOwnersFile } from "@/lib/ownership/owners-file";
import { listRules, replaceRules } from "@/lib/ownership/rules";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export const GET = readerRoute<{ project: string }>(async ({ params, scope }) => {
  const project = await getProjectBySlugOrThrow(params.project);
  if (!inScope(scope, project.id)) throw new AppError("not_found", `Project "${params.project}" does not exist`);
  return new Response(serializeOwnersFile(await listRules(project.id), project.slug), {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="OWNERS-${project.slug}"` },
  });
});

export const PUT = projectRoute<{ project: string }>("lead", async ({ req, project }) => {
  const { text } = await readJson(req, z.object({ text: z.string().max(200_000) }));
  const parsed = parseOwnersFile(text);
  if (parsed.errors.length) {
    throw new AppError("validation_failed", "The OWNERS text has bad lines; nothing was stored", parsed.errors.map((e) => ({ path: `line ${e.line}`, message: e.message })));
  }
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => l.trim() && !l.trim().startsWith("#") && lines.push(i + 1));
  const n = await replaceRules(project.id, parsed.rules, (i) => `line ${lines[i]}`);
  return Response.json({ rules: n });
});
