// A spec's identity and its triage item, if any, for the spec history page.
// One plain SQL join: the page's budget is 100 ms and Prisma's nested
// include took several queries for it.
import type { ProjectScope } from "@/lib/auth/project-access";
import { pool } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

export interface TestCaseDetail {
  id: string;
  suite: string;
  classname: string;
  name: string;
  file: string | null;
  requirementIds: string[];
  testIds: string[];
  /** start of the earliest run with a result of this spec (the run's time, not the upload's): stored, see the schema */
  firstSeenAt: Date;
  projectId: string;
  project: { slug: string; name: string };
  triageItem: {
    id: string;
    status: string;
    ticketUrl: string | null;
    failureCount: number;
    category: { label: string } | null;
    assignee: { name: string } | null;
  } | null;
}

/** null when unknown or outside the reader's `scope` (alike: 404). */
export async function getTestCase(id: string, scope: ProjectScope = null): Promise<TestCaseDetail | null> {
  if (!isUuid(id)) return null;
  const { rows } = await pool().query(
    `SELECT tc.id, tc.suite, tc.classname, tc.name, tc.file, tc."requirementIds", tc."testIds",
            tc."firstSeenAt" AT TIME ZONE 'UTC' AS "firstSeenAt", tc."projectId", p.slug AS "projectSlug", p.name AS "projectName",
            ti.id AS "triageId", ti.status::text AS "triageStatus", ti."ticketUrl", ti."failureCount", c.label AS "categoryLabel", u.name AS "assigneeName"
       FROM test_cases tc
       JOIN projects p ON p.id = tc."projectId"
       LEFT JOIN triage_items ti ON ti."testCaseId" = tc.id
       LEFT JOIN triage_categories c ON c.id = ti."categoryId"
       LEFT JOIN users u ON u.id = ti."assigneeId"
      WHERE tc.id = $1 AND ($2::uuid[] IS NULL OR tc."projectId" = ANY($2))`,
    [id, scope],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id, suite: r.suite, classname: r.classname, name: r.name, file: r.file,
    requirementIds: r.requirementIds ?? [], testIds: r.testIds ?? [], firstSeenAt: r.firstSeenAt, projectId: r.projectId,
    project: { slug: r.projectSlug, name: r.projectName },
    triageItem: r.triageStatus
      ? {
          id: r.triageId, status: r.triageStatus, ticketUrl: r.ticketUrl, failureCount: r.failureCount,
          category: r.categoryLabel ? { label: r.categoryLabel } : null,
          assignee: r.assigneeName ? { name: r.assigneeName } : null,
        }
      : null,
  };
}
