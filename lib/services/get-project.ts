import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export async function getProjectBySlugOrThrow(slug: string) {
  const project = await db().project.findUnique({ where: { slug } });
  if (!project) throw new AppError("not_found", `Project "${slug}" does not exist`);
  return project;
}

/** Create the project if it does not exist yet. Returns it and whether it was created. */
export async function ensureProject(slug: string, name?: string) {
  const existing = await db().project.findUnique({ where: { slug } });
  if (existing) return { project: existing, created: false };
  try {
    const project = await db().project.create({ data: { slug, name: name ?? slug } });
    return { project, created: true };
  } catch (e) {
    // a concurrent creator won the race
    if ((e as { code?: string }).code === "P2002") {
      return { project: await db().project.findUniqueOrThrow({ where: { slug } }), created: false };
    }
    throw e;
  }
}
