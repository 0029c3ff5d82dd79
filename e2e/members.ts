// Projects for browser tests with the e2e users as members (lead, triager and
// viewer hold those roles there), since a project shows only to its members.
import fs from "node:fs";
import path from "node:path";
import { E2E_USERS } from "./auth";

/** e2e/serve.ts writes the database URL of the server under test */
export function pointAtE2eDatabase(): string {
  process.env.DATABASE_URL ??= fs.readFileSync(path.resolve(import.meta.dirname, "../test-results/e2e-database-url"), "utf8").trim();
  return process.env.DATABASE_URL;
}

/** Creates the project when missing and gives the e2e lead, triager and viewer their role in it. */
export async function e2eProject(slug: string, name?: string): Promise<{ id: string; slug: string }> {
  pointAtE2eDatabase();
  const { ensureProject } = await import("@/lib/services/get-project");
  const { setProjectMember } = await import("@/lib/services/set-project-member");
  const { project } = await ensureProject(slug, name);
  const { disconnectDb } = await import("@/lib/db");
  for (const role of ["lead", "triager", "viewer"] as const) await setProjectMember(project.id, { email: E2E_USERS[role].email, role });
  await disconnectDb(); // a later db() opens a new pool; none is left open to hold the worker
  return project;
}
