// Bearer-token authentication for /api/v1. A token belongs to one project;
// CI tokens never act as users.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TOKEN_PREFIX, hashToken } from "@/lib/services/create-api-token";

export interface TokenPrincipal {
  tokenId: string;
  projectId: string;
  projectSlug: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateToken(header: string | null): Promise<TokenPrincipal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) throw new AppError("unauthorized", "Missing bearer token: send Authorization: Bearer <token>");
  const token = m[1];
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new AppError("unauthorized", "Invalid token");
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, projectId: true, project: { select: { slug: true } } },
  });
  if (!row) throw new AppError("unauthorized", "Invalid token");
  if (row.revokedAt) throw new AppError("unauthorized", "This token was revoked");
  // record last use at minute resolution: no write per request under load
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { tokenId: row.id, projectId: row.projectId, projectSlug: row.project.slug };
}

/** A token may only name its own project. */
export function assertProject(principal: TokenPrincipal, slug: string) {
  if (principal.projectSlug !== slug) {
    throw new AppError("forbidden", `This token belongs to project "${principal.projectSlug}", not "${slug}"`);
  }
}
