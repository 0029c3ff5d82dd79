// A project's settings page: its categories and its CI tokens (never their hashes).
import type { ProjectScope } from "@/lib/auth/project-access";
import { db } from "@/lib/db";

/** null when unknown or outside the reader's `scope` (alike: 404). */
export async function getProjectSettings(slug: string, scope: ProjectScope = null) {
  return db().project.findFirst({
    where: { slug, ...(scope && { AND: [{ id: { in: [...scope] } }] }) },
    select: {
      id: true, slug: true, name: true, autoResolveAfter: true, compareAcrossTemplates: true, includeTryOutRuns: true, maxOpenDays: true, resultRetentionDays: true,
      categories: { orderBy: [{ position: "asc" }, { label: "asc" }], select: { id: true, key: true, label: true, position: true } },
      tokens: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
}
