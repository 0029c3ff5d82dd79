// Run templates, per project (leads and admins): the command with its
// placeholders, where it runs, where its reports appear, its phase patterns
// and its time limit.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { type RunTemplateInput, runTemplateInputSchema } from "@/lib/runner/schemas";
import { parseOrThrow } from "@/lib/schemas/validation";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

export async function saveRunTemplate(raw: unknown, id?: string) {
  const input: RunTemplateInput = parseOrThrow(runTemplateInputSchema, raw, "run template");
  // an unknown project is refused (404), never created: projects are created on purpose (lib/services/create-project.ts)
  const project = await getProjectBySlugOrThrow(input.project);
  const data = {
    name: input.name, command: input.command, workingDir: input.workingDir ?? null, junitPaths: input.junitPaths,
    phasesPath: input.phasesPath ?? null, phasePatterns: input.phasePatterns, timeoutSec: input.timeoutSec,
    params: input.params,
    tryOut: input.tryOut,
    focus: input.focus ?? Prisma.JsonNull,
  };
  try {
    if (id) return await db().runTemplate.update({ where: { id }, data, select: { id: true } });
    return await db().runTemplate.create({ data: { ...data, projectId: project.id }, select: { id: true } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `The project has a template named "${input.name}" already`, [{ path: "name", message: "already taken" }]);
    if ((e as { code?: string }).code === "P2025") throw new AppError("not_found", "Unknown run template");
    throw e;
  }
}

/** Remove a template (refused while it has queued or running jobs); its finished jobs go with it, their runs stay. */
export async function deleteRunTemplate(id: string) {
  const active = await db().provisioningJob.count({ where: { templateId: id, status: { in: ["queued", "starting", "running"] } } });
  if (active) throw new AppError("conflict", `The template has ${active} queued or running job(s); cancel them first`);
  await db().runTemplate.delete({ where: { id } }).catch(() => {
    throw new AppError("not_found", "Unknown run template");
  });
}
