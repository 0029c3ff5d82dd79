// A project's settings page: its categories and its CI tokens (never their hashes).
import { db } from "@/lib/db";

export async function getProjectSettings(slug: string) {
  return db().project.findUnique({
    where: { slug },
    select: {
      id: true, slug: true, name: true, autoResolveAfter: true, compareAcrossTemplates: true, includeTryOutRuns: true, maxOpenDays: true, resultRetentionDays: true,
      categories: { orderBy: [{ position: "asc" }, { label: "asc" }], select: { id: true, key: true, label: true, position: true } },
      tokens: { orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } },
    },
  });
}
