// Which project a thing belongs to, for the project role checks of routes and
// server actions: a run template, a provisioning job, a run or triage items.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/schemas/uuid";

const LABEL = { template: "run template", job: "provisioning job", run: "run", item: "triage item" } as const;

/** The project id of the template, job or run with this id; 404 when there is none (or the id is not a uuid). */
export async function projectIdOf(kind: keyof typeof LABEL, id: unknown): Promise<string> {
  const row = typeof id === "string" && isUuid(id)
    ? await (kind === "template"
      ? db().runTemplate.findUnique({ where: { id }, select: { projectId: true } })
      : kind === "job"
        ? db().provisioningJob.findUnique({ where: { id }, select: { projectId: true } })
        : kind === "run"
          ? db().run.findUnique({ where: { id }, select: { projectId: true } })
          : db().triageItem.findUnique({ where: { id }, select: { projectId: true } }))
    : null;
  if (!row) throw new AppError("not_found", `Unknown ${LABEL[kind]}`);
  return row.projectId;
}

/** The distinct projects of these triage items (unknown ids are left out: the service answers 404 for them). */
export async function projectIdsOfItems(ids: readonly string[]): Promise<string[]> {
  const rows = await db().triageItem.findMany({ where: { id: { in: ids.filter(isUuid) } }, distinct: ["projectId"], select: { projectId: true } });
  return rows.map((r) => r.projectId);
}
