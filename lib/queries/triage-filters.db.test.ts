// /triage's list and counts under every filter, checked against the same items
// read through Prisma and filtered, ordered and counted here: the page's queries
// look labels up after choosing the rows (issue 17) and must mean what they did.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { type TriageFilter, findTriageItems, triageSummary } from "@/lib/queries/find-triage-items";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { OPEN_STATUSES, TRIAGE_STATUSES } from "@/lib/triage/schemas";

const SPECS = 14;
const ids = { projects: [] as string[], slugs: [] as string[], users: [] as string[], teams: [] as string[] };

async function project(slug: string) {
  const { project: p } = await ensureProject(slug);
  const { run } = await createRun(p.id, { project: slug, mode: "parallel" });
  const cases = Array.from({ length: SPECS }, (_, i) => `<testcase classname="c" name="${slug} spec ${i} (BR-FILTER-00${i % 3})"><failure message="boom ${i % 4}">x</failure></testcase>`);
  const raw = new TextEncoder().encode(`<testsuite name="s">${cases.join("")}</testsuite>`);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: `${slug}.xml` });
  ids.projects.push(p.id);
  ids.slugs.push(slug);
  return p.id;
}

beforeAll(async () => {
  for (const slug of ["filters-a", "filters-b"]) await project(slug);
  for (const n of [0, 1]) ids.users.push((await createUser({ email: `lead${n}@filters.test`, name: `Lead ${n}`, role: "lead", projects: ids.slugs, password: "filters-password-123" })).id);
  for (const n of [0, 1]) ids.teams.push((await db().team.create({ data: { slug: `filters-team-${n}`, name: `Team ${n}` } })).id);
  // every item gets a mix of status, categories, owner and last failure, cycling at different periods
  const items = await db().triageItem.findMany({ where: { projectId: { in: ids.projects } }, orderBy: { id: "asc" } });
  expect(items).toHaveLength(2 * SPECS);
  for (const [i, item] of items.entries()) {
    const cats = await db().triageCategory.findMany({ where: { projectId: item.projectId }, orderBy: { position: "asc" } });
    await db().triageItem.update({
      where: { id: item.id },
      data: {
        status: TRIAGE_STATUSES[i % TRIAGE_STATUSES.length],
        categoryId: i % 3 === 0 ? null : cats[i % 4].id,
        suggestedCategoryId: i % 5 === 0 ? null : cats[i % 2 ? 1 : 2].id,
        assigneeId: i % 4 === 0 ? ids.users[i % 8 === 0 ? 0 : 1] : null,
        ownerTeamId: i % 4 === 1 || i % 7 === 0 ? ids.teams[i % 2] : null,
        lastSeenAt: new Date(Date.UTC(2026, 10, 1 + (i % 5))), // ties: ordered by id
      },
    });
  }
});
afterAll(() => disconnectDb());

async function reference() {
  const items = await db().triageItem.findMany({
    where: { projectId: { in: ids.projects } },
    include: { project: true, testCase: true, category: true, suggestedCategory: true, assignee: true, ownerTeam: true, signature: true },
  });
  return items;
}
type Item = Awaited<ReturnType<typeof reference>>[number];

function matches(t: Item, f: TriageFilter, scope: string[] | null): boolean {
  if (scope && !scope.includes(t.projectId)) return false;
  if (f.project && t.project.slug !== f.project) return false;
  if (f.req && !t.testCase.requirementIds.includes(f.req.toUpperCase())) return false;
  if (f.category === "none" ? t.categoryId !== null : f.category && t.category?.key !== f.category) return false;
  if ((!f.status || f.status === "open") && !(OPEN_STATUSES as readonly string[]).includes(t.status)) return false;
  if (f.status && f.status !== "open" && f.status !== "all" && t.status !== f.status) return false;
  if (f.assignee === "none" ? t.assigneeId !== null || t.ownerTeamId !== null : f.assignee && t.assigneeId !== f.assignee) return false;
  if (f.team && t.ownerTeam?.slug !== f.team.replace(/^@/, "").toLowerCase()) return false;
  return true;
}

const RANK = ["new", "investigating", "fix_in_progress", "muted", "wont_fix", "resolved"];
const byPageOrder = (a: Item, b: Item) =>
  RANK.indexOf(a.status) - RANK.indexOf(b.status) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function expectedSummary(items: Item[]) {
  const count = <K,>(key: (t: Item) => K) => {
    const m = new Map<K, number>();
    for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
    return m;
  };
  const category = count((t) => t.category?.key ?? (t.suggestedCategory ? `suggested:${t.suggestedCategory.key}` : "none"));
  const assignee = count((t) => t.assignee?.name ?? (t.ownerTeam ? `${t.ownerTeam.name} (team)` : "Unowned"));
  const confirmed = items.filter((t) => t.categoryId && t.suggestedCategoryId);
  return {
    total: items.length,
    byCategory: [...category].map(([key, n]) => `${key}=${n}`).sort(),
    byAssignee: [...assignee].map(([name, n]) => `${name}=${n}`).sort(),
    byStatus: [...count((t) => t.status)].map(([s, n]) => `${s}=${n}`).sort(),
    accuracy: { agreed: confirmed.filter((t) => t.categoryId === t.suggestedCategoryId).length, confirmed: confirmed.length },
  };
}

describe("triage filters: the page's list and counts against the items themselves", () => {
  it("every filter, alone and combined, in the reader's projects", async () => {
    const all = await reference();
    const someCategory = all.find((t) => t.category)!.category!.key;
    const uncategorisedInA = all.find((t) => t.project.slug === "filters-a" && !t.categoryId)!;
    const filters: TriageFilter[] = [
      {}, { status: "all" }, { status: "resolved" }, { status: "muted" }, { project: "filters-b", status: "all" }, { project: "no-such-project" },
      { req: "br-filter-001", status: "all" }, { category: someCategory, status: "all" }, { category: "none" }, { category: "no-such-key" },
      { assignee: "none", status: "all" }, { assignee: ids.users[1], status: "all" }, { team: "@Filters-Team-0", status: "all" }, { team: "filters-team-1" },
      { project: "filters-a", req: uncategorisedInA.testCase.requirementIds[0], category: "none", status: "all" }, { team: "filters-team-0", assignee: ids.users[0], status: "all" },
    ];
    for (const scope of [ids.projects, [ids.projects[0]]]) {
      for (const f of filters) {
        const want = all.filter((t) => matches(t, f, scope)).sort(byPageOrder);
        const { rows, truncated } = await findTriageItems(f, scope);
        const label = JSON.stringify({ f, scope: scope.length });
        expect(truncated, label).toBe(false);
        expect(rows.map((r) => [r.id, r.status, r.projectSlug, r.specName, r.categoryKey, r.categoryLabel, r.suggestedKey, r.suggestedLabel, r.assigneeName, r.ownerTeamName, r.signature]), label)
          .toEqual(want.map((t) => [t.id, t.status, t.project.slug, t.testCase.name, t.category?.key ?? null, t.category?.label ?? null, t.suggestedCategory?.key ?? null, t.suggestedCategory?.label ?? null, t.assignee?.name ?? null, t.ownerTeam?.name ?? null, t.signature?.text ?? null]));
        const s = await triageSummary(f, scope);
        expect({
          total: s.total,
          byCategory: s.byCategory.map((c) => `${c.key}=${c.count}`).sort(),
          byAssignee: s.byAssignee.map((a) => `${a.name}=${a.count}`).sort(),
          byStatus: s.byStatus.map((b) => `${b.status}=${b.count}`).sort(),
          accuracy: s.accuracy,
        }, label).toEqual(expectedSummary(want));
      }
    }
    // each filter but the unknown names selects some items and leaves some out: comparing empty lists would prove little
    const sizes = filters.map((f) => all.filter((t) => matches(t, f, ids.projects)).length);
    expect(sizes.filter((n) => n > 0 && n < all.length)).toHaveLength(filters.length - 3); // {status: "all"} selects them all
  });

  it("a page is the first rows of the whole ordered list", async () => {
    const whole = await findTriageItems({ status: "all" }, ids.projects);
    const page = await findTriageItems({ status: "all" }, ids.projects, 5);
    expect(page.truncated).toBe(true);
    expect(page.rows.map((r) => r.id)).toEqual(whole.rows.slice(0, 5).map((r) => r.id));
  });
});
