// Bearer-token authentication for /api/v1. A token belongs to one project;
// CI tokens never act as users.
import { named, pool } from "@/lib/db";
import { env } from "@/lib/env";
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
 * project, its last use recorded at minute resolution (no write per request
 * under load), and the request counted against the token's limit
 * (RUNBOARD_TOKEN_RATE_LIMIT, table token_rate_limits: the counter
 * rate-limiter-flexible's Postgres store kept, same rows and same rule: a
 * counter whose window expired starts again at 1). Timestamps are stored in
 * UTC, as Prisma writes them; expire is epoch ms of the web process' clock.
 * Raw SQL on the pg pool: Prisma's raw queries cost more CPU than the query.
 */
const LOOKUP = `
  WITH tok AS (SELECT t.id, t."revokedAt" IS NOT NULL AS revoked, t."projectId", p.slug
                 FROM api_tokens t JOIN projects p ON p.id = t."projectId" WHERE t."tokenHash" = $1),
       touched AS (UPDATE api_tokens SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
                    WHERE id = (SELECT id FROM tok WHERE NOT revoked)
                      AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => $2)) RETURNING 1),
       counted AS (INSERT INTO token_rate_limits AS l (key, points, expire)
                     SELECT 'token:' || id, 1, $3::bigint + $4::bigint FROM tok WHERE NOT revoked
                   ON CONFLICT (key) DO UPDATE SET
                     points = CASE WHEN l.expire <= $3::bigint THEN 1 ELSE l.points + 1 END,
                     expire = CASE WHEN l.expire <= $3::bigint THEN $3::bigint + $4::bigint ELSE l.expire END
                   RETURNING points, expire)
  SELECT id, revoked, "projectId", slug, (SELECT count(*) FROM touched)::int AS touched,
         (SELECT points FROM counted) AS points, (SELECT expire FROM counted)::float8 AS expire FROM tok`;

interface LookupRow { id: string; revoked: boolean; projectId: string; slug: string; points: number | null; expire: number | null }

/** The token's principal; 401 unknown or revoked, 429 (Retry-After) over the token's request limit. */
export async function authenticateToken(header: string | null): Promise<TokenPrincipal> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) throw new AppError("unauthorized", "Missing bearer token: send Authorization: Bearer <token>");
  const token = m[1];
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new AppError("unauthorized", "Invalid token");
  const { max, window } = env().RUNBOARD_TOKEN_RATE_LIMIT;
  const now = Date.now();
  const { rows } = await pool().query<LookupRow>(named("auth-token", LOOKUP, [hashToken(token), LAST_USED_RESOLUTION_SECONDS, now, window * 1000]));
  const row = rows[0];
  if (!row) throw new AppError("unauthorized", "Invalid token");
  if (row.revoked) throw new AppError("unauthorized", "This token was revoked");
  if (row.points !== null && row.points > max) {
    const retry = Math.max(1, Math.ceil(((row.expire ?? now) - now) / 1000));
    throw new AppError("rate_limited", `Too many requests with this token; retry in ${retry} s`, { retryAfterSeconds: retry });
  }
  return { tokenId: row.id, projectId: row.projectId, projectSlug: row.slug };
}

/** A token may only name its own project. */
export function assertProject(principal: TokenPrincipal, slug: string) {
  if (principal.projectSlug !== slug) {
    throw new AppError("forbidden", `This token belongs to project "${principal.projectSlug}", not "${slug}"`);
  }
}
