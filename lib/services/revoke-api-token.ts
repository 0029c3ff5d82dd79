// Revoking a CI token: the settings page's route and `runboard token revoke` both call this.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/uuid";

export interface RevokedToken {
  id: string;
  name: string;
  prefix: string;
  projectSlug: string;
  revokedAt: Date;
  /** it had been revoked before this call (nothing changed) */
  alreadyRevoked: boolean;
}

/** Revokes the token (uploads with it are refused from then on); `projectId` limits it to one project's tokens. 404 when unknown. */
export async function revokeApiToken(id: string, projectId?: string): Promise<RevokedToken> {
  const missing = () => new AppError("not_found", `Token ${id} does not exist`);
  if (!isUuid(id)) throw missing();
  const select = { id: true, name: true, prefix: true, revokedAt: true, project: { select: { id: true, slug: true } } } as const;
  const token = await db().apiToken.findUnique({ where: { id }, select });
  if (!token || (projectId && token.project.id !== projectId)) throw missing();
  const out = { id: token.id, name: token.name, prefix: token.prefix, projectSlug: token.project.slug };
  if (token.revokedAt) return { ...out, revokedAt: token.revokedAt, alreadyRevoked: true };
  // revokedAt: null in the where: of two concurrent revocations one changes the row
  const now = new Date();
  const n = await db().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return { ...out, revokedAt: now, alreadyRevoked: n.count === 0 };
}
