// Two runs of one large suite for the compare page benchmark (issue #15: a
// 5,000-spec comparison renders in under 300 ms), stored through the real
// one-shot ingest route so they look like any uploaded runs.
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
