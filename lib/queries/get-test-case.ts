// A spec's identity and its triage item, if any, for the spec history page.
import { db } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

export async function getTestCase(id: string) {
  if (!isUuid(id)) return null;
  return db().testCase.findUnique({
    where: { id },
    select: {
      id: true, suite: true, classname: true, name: true, file: true, requirementIds: true, testIds: true, firstSeenAt: true,
      project: { select: { slug: true, name: true } },
      triageItem: {
        select: {
          status: true, ticketUrl: true, firstSeenAt: true, lastSeenAt: true, failureCount: true,
          category: { select: { label: true } },
          assignee: { select: { name: true, email: true } },
        },
      },
    },
  });
}

export type TestCaseDetail = NonNullable<Awaited<ReturnType<typeof getTestCase>>>;
