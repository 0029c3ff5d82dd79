// POST /api/v1/runs/:id/junit - attach JUnit XML / Ginkgo JSON report(s); answers the run's totals
import { apiRoute } from "@/lib/http/api-handler";
import { readReportFiles } from "@/lib/http/read-reports";
import { assertRunInProject } from "@/lib/queries/get-run";
import { ingestReportFiles } from "@/lib/services/attach-reports";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await assertRunInProject(params.id, principal.projectId); // 404/403 before reading a large body
  const t0 = performance.now();
  const files = await readReportFiles(req);
  const t1 = performance.now();
  // parsed and stored together (rows are written while the file is parsed)
  const outcomes = await ingestReportFiles(params.id, files, { projectId: principal.projectId });
  const t2 = performance.now();
  const last = outcomes.at(-1)!;
  // end of body -> commit (ingest), with the first report's stages, for the ingest benchmark and for operators
  const stages = Object.entries(outcomes[0].stages ?? {}).map(([k, v]) => `${k};dur=${v.toFixed(1)}`);
  const timing = [`read;dur=${(t1 - t0).toFixed(1)}`, `ingest;dur=${(t2 - t1).toFixed(1)}`, ...stages].join(", ");
  return Response.json({
    runId: params.id,
    status: last.runStatus,
    totals: last.totals,
    reports: outcomes.map((o, i) => ({
      id: o.reportId, filename: files[i].filename, format: o.format, dialect: o.dialect,
      duplicate: o.duplicate, cases: o.cases, warnings: o.warnings,
    })),
  }, { headers: { "server-timing": timing } });
});
