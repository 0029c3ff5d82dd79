// Create a run; the same externalId in the same project returns the existing
// run instead of a second one (safe CI retries, concurrent posts included).
import { db } from "@/lib/db";
import type { CreateRunInput } from "@/lib/schemas/run";

export async function createRun(projectId: string, input: CreateRunInput, source = "api") {
  const data = {
    projectId,
    mode: input.mode,
    externalId: input.externalId ?? null,
    branch: input.branch ?? null,
    commitSha: input.commit?.toLowerCase() ?? null,
    ciUrl: input.ciUrl ?? null,
    runnerHost: input.runnerHost ?? null,
    labels: input.labels ?? {},
    source,
    startedAt: input.startedAt ? new Date(input.startedAt) : new Date(),
  };
  if (input.externalId) {
    const existing = await db().run.findUnique({
      where: { projectId_externalId: { projectId, externalId: input.externalId } },
    });
    if (existing) return { run: existing, created: false };
  }
  try {
    return { run: await db().run.create({ data }), created: true };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002" && input.externalId) {
      const run = await db().run.findUniqueOrThrow({
        where: { projectId_externalId: { projectId, externalId: input.externalId } },
      });
      return { run, created: false };
    }
    throw e;
  }
}
