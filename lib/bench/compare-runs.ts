// Data for the issue #15 page benchmarks, stored through the real one-shot
// ingest route so it looks like any upload: two runs of a 5,000-spec suite
// (compare page) and 100 runs of a suite naming 1,000 requirements (grid).
import * as ingestRoute from "@/app/api/v1/ingest/route";
import { generateJunit } from "@/lib/bench/generate-junit";
import { createApiToken } from "@/lib/services/create-api-token";
import { ensureProject } from "@/lib/services/get-project";
import { callRoute } from "@/lib/testing/call-route";

export async function seedCompareRuns(specs: number): Promise<{ a: string; b: string }> {
  const slug = "bench-compare";
  const token = (await createApiToken((await ensureProject(slug)).project.id, "bench")).token;
  const ids: string[] = [];
  for (const [i, seed] of [7, 8].entries()) {
    const at = Date.parse("2026-11-01T10:00:00Z") + i * 86_400_000;
    const form = new FormData();
    form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: `compare-${i}`, startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 600_000).toISOString() }));
    form.append("phases", JSON.stringify({ phases: ["cluster", "images", "deploy"].map((name, p) => ({
      name, status: "passed", startedAt: new Date(at + p * 100_000).toISOString(), finishedAt: new Date(at + (p + 1) * 100_000 - seed * 1000).toISOString(),
    })) }));
    form.append("junit", new Blob([generateJunit(specs, { seed, suitePrefix: "com.example.compare" })], { type: "application/xml" }), "junit.xml");
    const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
    if (r.status !== 201) throw new Error(`seeding the compare runs: ${r.status} ${r.text.slice(0, 300)}`);
    ids.push(r.data.id);
  }
  return { a: ids[0], b: ids[1] };
}

/** The requirement grid benchmark: `runs` runs of a suite whose `specs` specs each name their own requirement ID. */
export async function seedGridRuns(runs: number, specs: number): Promise<string> {
  const slug = "bench-grid";
  const token = (await createApiToken((await ensureProject(slug)).project.id, "bench")).token;
  for (let i = 0; i < runs; i++) {
    const at = Date.parse("2026-08-01T10:00:00Z") + i * 3_600_000;
    const form = new FormData();
    form.append("metadata", JSON.stringify({ project: slug, mode: "parallel", externalId: `grid-${i}`, startedAt: new Date(at).toISOString(), finishedAt: new Date(at + 600_000).toISOString() }));
    form.append("junit", new Blob([generateJunit(specs, { seed: 100 + i, suitePrefix: "com.example.grid" })], { type: "application/xml" }), "junit.xml");
    const r = await callRoute(ingestRoute.POST, "/api/v1/ingest", { token, body: form });
    if (r.status !== 201) throw new Error(`seeding the grid runs: ${r.status} ${r.text.slice(0, 300)}`);
  }
  return slug;
}
