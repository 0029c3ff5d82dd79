// GET /api/projects/:project/owners - the ownership rules as an OWNERS file (readers);
// PUT the same with { text } - replace them all (team leads; a bad line or unknown owner stores nothing).
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { projectRoute } from "@/lib/http/session-route";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/api-handler";
import { readJson } from "@/lib/http/read-body";
import { parseOwnersFile, serializeOwnersFile } from "@/lib/ownership/owners-file";
import { listRules, replaceRules } from "@/lib/ownership/rules";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export const dynamic = "force-dynamic";

export async function GET(req: Request, args: { params: Promise<{ project: string }> }) {
  try {
    await requireRole("viewer", req.headers);
    const project = await getProjectBySlugOrThrow((await args.params).project);
    return new Response(serializeOwnersFile(await listRules(project.id), project.slug), {
      headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="OWNERS-${project.slug}"` },
    });
  } catch (e) {
    return errorResponse(e, crypto.randomUUID());
  }
}

export const PUT = projectRoute<{ project: string }>("lead", async ({ req, params, project }) => {
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
