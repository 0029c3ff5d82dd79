// Projects for filter menus: a small table, read whole.
import { db } from "@/lib/db";

export async function findProjectOptions() {
  return db().project.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true }, take: 500 });
}
