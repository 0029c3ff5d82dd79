// Two projects, A and B, each with a run, a stored report, failing specs and
// triage items, and people: a lead, triager and viewer of A, a viewer of B, an
// admin and a user of no project, each signed in. The role matrix tests run
// over them: a lead of A is a stranger to B everywhere.
import { afterAll, beforeAll, expect } from "vitest";
import { auth } from "@/lib/auth/auth";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";

export const PEOPLE = ["leadA", "triagerA", "viewerA", "viewerB", "admin", "nobody"] as const;
export type Person = (typeof PEOPLE)[number];

export interface Side {
  slug: string;
  projectId: string;
  runId: string;
  reportId: string;
  itemIds: string[];
  testCaseId: string;
}

export const two = { A: {} as Side, B: {} as Side, cookies: {} as Record<Person, string>, ids: {} as Record<Person, string> };
const PASSWORD = "two-projects-password-1";

async function side(slug: string, spec: string): Promise<Side> {
  const { project } = await ensureProject(slug);
  const { run } = await createRun(project.id, { project: slug, mode: "parallel" });
  const xml = `<testsuite name="s">${[1, 2].map((i) => `<testcase name="${spec} ${i}" classname="c"><failure message="boom ${i}"/></testcase>`).join("")}</testsuite>`;
  const raw = new TextEncoder().encode(xml);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: `${slug}.xml` });
  const items = await db().triageItem.findMany({ where: { projectId: project.id }, select: { id: true, testCaseId: true } });
  expect(items).toHaveLength(2);
  const report = await db().report.findFirstOrThrow({ where: { runId: run.id }, select: { id: true } });
  return { slug, projectId: project.id, runId: run.id, reportId: report.id, itemIds: items.map((i) => i.id), testCaseId: items[0].testCaseId };
}

/** Sets up `two` once per test file; `prefix` keeps the slugs and emails of several files apart. */
export function setupTwoProjects(prefix: string) {
  beforeAll(async () => {
    two.A = await side(`${prefix}-a`, "alpha spec");
    two.B = await side(`${prefix}-b`, "bravo spec");
    const roles: Record<Person, { role: "viewer" | "triager" | "lead" | "admin"; projects: string[] }> = {
      leadA: { role: "lead", projects: [two.A.slug] },
      triagerA: { role: "triager", projects: [two.A.slug] },
      viewerA: { role: "viewer", projects: [two.A.slug] },
      viewerB: { role: "viewer", projects: [two.B.slug] },
      admin: { role: "admin", projects: [] },
      nobody: { role: "viewer", projects: [] },
    };
    for (const p of PEOPLE) {
      const email = `${p.toLowerCase()}@${prefix}.test`;
      two.ids[p] = (await createUser({ email, name: `${prefix} ${p}`, ...roles[p], password: PASSWORD })).id;
      const res = await auth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
      expect(res.status).toBe(200);
      two.cookies[p] = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    }
  });
  afterAll(() => disconnectDb());
}

/** Same-origin headers with a person's session cookie. */
export const as = (p: Person) => ({ cookie: two.cookies[p], origin: "http://runboard.test", host: "runboard.test" });
