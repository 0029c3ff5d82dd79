// The runs list against a real PostgreSQL: keyset pages in every sort order
// add up to exactly the sorted table (forward and backward, ties and nulls
// included), and every filter narrows the rows the way its label says.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { RUN_COUNT_CAP, findRuns } from "@/lib/queries/find-runs";
import { RUN_SORTS, type RunListQuery, parseRunListQuery } from "@/lib/schemas/run-list-query";

const slug = `runs-${Date.now().toString(36)}`;
const t0 = Date.parse("2026-03-01T12:00:00Z");
interface Seed { id: string; startedAt: Date; durationMs: number | null; setupDurationMs: number | null; commitSha: string }
const seeded: Seed[] = [];

beforeAll(async () => {
  const project = await db().project.create({ data: { slug, name: slug } });
  const rows = Array.from({ length: 40 }, (_, i) => {
    // ties on purpose: equal start times, equal durations, and nulls (running runs)
    const running = i % 9 === 4;
    return {
      id: randomUUID(),
      projectId: project.id,
      mode: i % 3 === 0 ? "sequential" : "parallel",
      branch: i % 5 === 0 ? "feat_1" : i % 5 === 1 ? "featx1" : "main",
      commitSha: `${(i * 2654435761 % 2 ** 32).toString(16).padStart(8, "0")}abcd`,
      externalId: `ci-${1000 + i}`,
      runnerHost: `runner-${i % 4}`,
      startedAt: new Date(t0 + Math.floor(i / 2) * 86_400_000),
      finishedAt: running ? null : new Date(t0 + Math.floor(i / 2) * 86_400_000 + 300_000),
      durationMs: running ? null : 200_000 + (i % 7) * 10_000,
      setupDurationMs: running || i % 11 === 0 ? null : 150_000 + (i % 4) * 5_000,
      status: running ? ("running" as const) : i % 2 ? ("failed" as const) : ("passed" as const),
    };
  });
  await db().run.createMany({ data: rows });
  seeded.push(...rows);
});
afterAll(() => disconnectDb());

function expected(sort: RunListQuery["sort"], dir: "asc" | "desc"): string[] {
  const key = (r: Seed) => (sort === "started" ? r.startedAt.getTime() : sort === "duration" ? r.durationMs : r.setupDurationMs);
  const sign = dir === "asc" ? 1 : -1;
  return [...seeded]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka === null || kb === null) return ka === kb ? sign * a.id.localeCompare(b.id) : ka === null ? 1 : -1;
      return sign * (ka - kb) || sign * a.id.localeCompare(b.id);
    })
    .map((r) => r.id);
}

describe("findRuns keyset paging", () => {
  for (const sort of RUN_SORTS) {
    for (const dir of ["asc", "desc"] as const) {
      it(`pages through every run exactly once by ${sort} ${dir}, and back`, async () => {
        const q = parseRunListQuery({ project: slug, sort, dir });
        const pages: string[][] = [];
        let page = await findRuns(q, 7);
        expect(page.prev).toBeNull();
        pages.push(page.rows.map((r) => r.id));
        while (page.next) {
          page = await findRuns({ ...q, after: page.next }, 7);
          pages.push(page.rows.map((r) => r.id));
          expect(pages.length).toBeLessThan(20);
        }
        expect(pages.flat()).toEqual(expected(sort, dir));
        // and back to the first page through the "previous" links
        const back: string[][] = [pages.at(-1)!];
        while (page.prev) {
          page = await findRuns({ ...q, before: page.prev }, 7);
          back.unshift(page.rows.map((r) => r.id));
          expect(back.length).toBeLessThan(20);
        }
        expect(back).toEqual(pages);
      });
    }
  }

  it("ignores a cursor of another sort order and starts at the first page", async () => {
    const first = await findRuns(parseRunListQuery({ project: slug }), 5);
    const other = await findRuns(parseRunListQuery({ project: slug, sort: "duration", after: first.next! }), 5);
    expect(other.rows.map((r) => r.id)).toEqual(expected("duration", "desc").slice(0, 5));
    expect(other.prev).toBeNull();
  });
});

describe("findRuns filters", () => {
  const ids = async (params: Record<string, string>) =>
    (await findRuns(parseRunListQuery({ project: slug, ...params }), 100)).rows.map((r) => r.id).sort();
  const where = (f: (r: (typeof seeded)[number] & Record<string, unknown>) => boolean) =>
    seeded.filter((r) => f(r as never)).map((r) => r.id).sort();

  it("filters by mode, branch and status", async () => {
    expect(await ids({ mode: "Sequential" })).toEqual(where((r) => r.mode === "sequential"));
    expect(await ids({ branch: "feat_1" })).toEqual(where((r) => r.branch === "feat_1"));
    expect(await ids({ status: "running" })).toEqual(where((r) => r.status === "running"));
  });

  it("filters by a date range, both days included", async () => {
    const got = await ids({ from: "2026-03-03", to: "2026-03-05" });
    expect(got).toHaveLength(6);
    expect(got).toEqual(where((r) => r.startedAt >= new Date("2026-03-03") && r.startedAt < new Date("2026-03-06")));
  });

  it("searches branch, commit prefix, external id and runner host, with LIKE wildcards taken literally", async () => {
    expect(await ids({ q: "feat_1" })).toEqual(where((r) => r.branch === "feat_1"));
    expect(await ids({ q: "CI-1003" })).toEqual(where((r) => r.externalId === "ci-1003"));
    expect(await ids({ q: "runner-2" })).toEqual(where((r) => r.runnerHost === "runner-2"));
    const sha = seeded[7].commitSha as string;
    expect(await ids({ q: sha.slice(0, 7).toUpperCase() })).toContain(seeded[7].id);
    expect(await ids({ q: "100%" })).toEqual([]);
  });

  it("counts every run matching the filters, not just the page", async () => {
    const page = await findRuns(parseRunListQuery({ project: slug, mode: "sequential" }), 3);
    expect(page.rows).toHaveLength(3);
    expect(page.total).toBe(where((r) => r.mode === "sequential").length);
    const next = await findRuns(parseRunListQuery({ project: slug, mode: "sequential", after: page.next! }), 3);
    expect(next.total).toBe(page.total); // the cursor is not a filter
  });

  it("counts up to 10,000 runs and says when more match", async () => {
    const big = await db().project.create({ data: { slug: `${slug}-big`, name: "big" } });
    await db().$executeRaw`INSERT INTO runs (id, "projectId", mode, "startedAt", "updatedAt", status)
      SELECT gen_random_uuid(), ${big.id}::uuid, CASE WHEN i <= 10 THEN 'sequential' ELSE 'parallel' END, now() - i * interval '1 minute', now(), 'passed'
        FROM generate_series(1, ${RUN_COUNT_CAP + 1}) i`;
    const all = await findRuns(parseRunListQuery({ project: big.slug }), 5);
    expect(all).toMatchObject({ total: RUN_COUNT_CAP, totalCapped: true });
    expect(all.rows).toHaveLength(5);
    expect(await findRuns(parseRunListQuery({ project: big.slug, mode: "sequential" }), 5)).toMatchObject({ total: 10, totalCapped: false });
    await db().$executeRaw`DELETE FROM runs WHERE "projectId" = ${big.id}::uuid AND mode = 'parallel' AND "startedAt" = (SELECT min("startedAt") FROM runs WHERE "projectId" = ${big.id}::uuid)`;
    expect(await findRuns(parseRunListQuery({ project: big.slug }), 5)).toMatchObject({ total: RUN_COUNT_CAP, totalCapped: false });
  });

  it("says when the project does not exist", async () => {
    const page = await findRuns(parseRunListQuery({ project: "no-such-project" }));
    expect(page).toMatchObject({ rows: [], unknownProject: true });
  });
});
