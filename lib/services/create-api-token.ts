// API tokens: shown once at creation, stored as sha256, last use recorded (revoked by lib/services/revoke-api-token.ts).
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";

export const TOKEN_PREFIX = "rb_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(projectId: string, name: string, createdById?: string) {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await db().apiToken.create({
    data: { projectId, name, tokenHash: hashToken(token), prefix: token.slice(0, 10), createdById },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { ...row, token };
}
