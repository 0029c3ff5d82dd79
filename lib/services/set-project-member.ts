// Giving a person or a team a role in a project, or changing it: the settings
// page's route (leads of the project, admins) and `runboard member` call this.
import { z } from "zod";
import { PROJECT_ROLES } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/validation";

/** One holder: `email` for a person, `team` (its slug, with or without @) for a team. */
export const projectMemberInputSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254).optional(),
    team: z.string().trim().transform((s) => s.replace(/^@/, "")).pipe(z.string().min(1).max(100)).optional(),
    role: z.enum(PROJECT_ROLES),
  })
  .refine((m) => !m.email !== !m.team, { message: "give either an email or a team", path: ["email"] });
export type ProjectMemberInput = z.input<typeof projectMemberInputSchema>;

export async function setProjectMember(projectId: string, raw: unknown) {
  const input = parseOrThrow(projectMemberInputSchema, raw, "member");
  const holder = input.email
    ? { userId: (await db().user.findUnique({ where: { email: input.email }, select: { id: true } }))?.id }
    : { teamId: (await db().team.findUnique({ where: { slug: input.team! }, select: { id: true } }))?.id };
  if (!holder.userId && !holder.teamId) {
    const what = input.email ? `user ${input.email}` : `team @${input.team}`;
    throw new AppError("not_found", `No ${what}`, [{ path: input.email ? "email" : "team", message: "unknown" }]);
  }
  const where = holder.userId ? { projectId_userId: { projectId, userId: holder.userId } } : { projectId_teamId: { projectId, teamId: holder.teamId! } };
  const m = await db().projectMember.upsert({ where, create: { projectId, ...holder, role: input.role }, update: { role: input.role }, select: { id: true, role: true } });
  return { id: m.id, role: m.role, ...(input.email ? { email: input.email } : { team: input.team }) };
}
