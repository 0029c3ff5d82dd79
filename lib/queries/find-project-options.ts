// Projects for filter menus: a small table, read whole (the reader's projects only).
import type { ProjectScope } from "@/lib/auth/project-access";
import { db } from "@/lib/db";

export async function findProjectOptions(scope: ProjectScope = null) {
  return db().project.findMany({ where: scope ? { id: { in: [...scope] } } : {}, orderBy: { slug: "asc" }, select: { slug: true, name: true }, take: 500 });
}
