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

const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * One round trip per request (4 per CI job, issue #17): the token with its
 * project, and its last use recorded at minute resolution (no write per
 * request under load); timestamps are stored in UTC, as Prisma writes them.
 * Raw SQL on Prisma's pool: not queued behind uploads on the ingest pool.
 */
const LOOKUP = `
  WITH tok AS (SELECT t.id, t."revokedAt" IS NOT NULL AS revoked, t."projectId", p.slug
                 FROM api_tokens t JOIN projects p ON p.id = t."projectId" WHERE t."tokenHash" = $1),
       touched AS (UPDATE api_tokens SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
                    WHERE id = (SELECT id FROM tok WHERE NOT revoked)
                      AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => $2)) RETURNING 1)
  SELECT id, revoked, "projectId", slug, (SELECT count(*) FROM touched)::int AS touched FROM tok`;

export async function authenticateToken(header: string | null): Promise<TokenPrincipal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) throw new AppError("unauthorized", "Missing bearer token: send Authorization: Bearer <token>");
  const token = m[1];
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new AppError("unauthorized", "Invalid token");
  const rows = await db().$queryRawUnsafe<{ id: string; revoked: boolean; projectId: string; slug: string }[]>(LOOKUP, hashToken(token), LAST_USED_RESOLUTION_SECONDS);
  const row = rows[0];
  if (!row) throw new AppError("unauthorized", "Invalid token");
  if (row.revoked) throw new AppError("unauthorized", "This token was revoked");
  return { tokenId: row.id, projectId: row.projectId, projectSlug: row.slug };
}

/** A token may only name its own project. */
export function assertProject(principal: TokenPrincipal, slug: string) {
  if (principal.projectSlug !== slug) {
    throw new AppError("forbidden", `This token belongs to project "${principal.projectSlug}", not "${slug}"`);
  }
}
