// Change a project's settings. Phase mapping changes also re-map the stored
// phases' canonical names, so analytics compare like with like at once.
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ProjectSettings } from "@/lib/schemas/project-settings";
import { timingChanged } from "@/lib/queries/recent-project-timing";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";

const jsonOrNull = (v: unknown) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));

export async function updateProjectSettings(slug: string, s: ProjectSettings) {
  const project = await getProjectBySlugOrThrow(slug);
  const updated = await db().$transaction(async (tx) => {
    const updated = await tx.project.update({
      where: { id: project.id },
      data: {
        ...(s.name !== undefined && { name: s.name }),
        ...(s.timingTarget !== undefined && { timingTarget: jsonOrNull(s.timingTarget) }),
        ...(s.phaseMapping !== undefined && { phaseMapping: jsonOrNull(s.phaseMapping) }),
        ...(s.requirementPattern !== undefined && { requirementPattern: jsonOrNull(s.requirementPattern) }),
        ...(s.autoResolveAfter !== undefined && { autoResolveAfter: s.autoResolveAfter }),
        ...(s.compareAcrossTemplates !== undefined && { compareAcrossTemplates: s.compareAcrossTemplates }),
        ...(s.includeTryOutRuns !== undefined && { includeTryOutRuns: s.includeTryOutRuns }),
        ...(s.maxOpenDays !== undefined && { maxOpenDays: s.maxOpenDays }),
        ...(s.resultRetentionDays !== undefined && { resultRetentionDays: s.resultRetentionDays }),
      },
    });
    if (s.phaseMapping !== undefined) {
      await tx.$executeRaw`
        UPDATE phases p SET "canonicalName" = (${JSON.stringify(s.phaseMapping ?? {})}::jsonb ->> p.name)
        FROM runs r WHERE p."runId" = r.id AND r."projectId" = ${project.id}::uuid`;
    }
    return updated;
  });
  // the timing page's cached figures use the target, the phase mapping and the population settings (decision 27)
  timingChanged(project.id);
  return updated;
}
