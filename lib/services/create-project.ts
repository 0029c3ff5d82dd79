// Creating a project on purpose (a template, token or upload never creates one):
// admins, or a lead of an existing project, who then leads the new one too.
// `runboard project create` is the admin path (no user).
import { z } from "zod";
import { type Principal, findMemberships } from "@/lib/auth/project-access";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { projectSlugSchema } from "@/lib/schemas/run";
import { parseOrThrow } from "@/lib/schemas/validation";

export const newProjectSchema = z.object({
  slug: projectSlugSchema,
  name: z.string().trim().min(1).max(200).optional(),
});

/** `by`: the user asking (admin, or lead somewhere: 403 otherwise); none for the CLI. 409 when the slug is taken. */
export async function createProject(raw: unknown, by?: Principal) {
  const input = parseOrThrow(newProjectSchema, raw, "project");
  const isLead = by && by.role !== "admin" && [...(await findMemberships(by.id)).values()].includes("lead");
  if (by && by.role !== "admin" && !isLead) throw new AppError("forbidden", "Creating a project needs an admin or a lead of an existing project");
  try {
    return await db().$transaction(async (tx) => {
      const p = await tx.project.create({ data: { slug: input.slug, name: input.name ?? input.slug }, select: { id: true, slug: true, name: true } });
      if (isLead) await tx.projectMember.create({ data: { projectId: p.id, userId: by.id, role: "lead" } });
      return p;
    });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new AppError("conflict", `Project ${input.slug} exists already`, [{ path: "slug", message: "already taken" }]);
    throw e;
  }
}
