// POST /api/v1/runs/:id/junit - attach JUnit XML / Ginkgo JSON report(s); answers the run's totals
import { apiRoute } from "@/lib/http/api-handler";
import { readReportFiles } from "@/lib/http/read-reports";
import { assertRunInProject } from "@/lib/queries/get-run";
import { parseReportFiles, storeReportFiles } from "@/lib/services/attach-reports";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ req, params, principal }) => {
  await assertRunInProject(params.id, principal.projectId); // 404/403 before reading a large body
  const t0 = performance.now();
  const raw = await readReportFiles(req);
  const t1 = performance.now();
  const files = await parseReportFiles(raw);
  const t2 = performance.now();
  const outcomes = await storeReportFiles(params.id, files, { projectId: principal.projectId });
  const t3 = performance.now();
  const last = outcomes.at(-1)!;
  // end of body -> commit, split for the ingest benchmark and for operators
  const timing = `read;dur=${(t1 - t0).toFixed(1)}, parse;dur=${(t2 - t1).toFixed(1)}, store;dur=${(t3 - t2).toFixed(1)}`;
  return Response.json({
    runId: params.id,
    status: last.runStatus,
    totals: last.totals,
    reports: outcomes.map((o, i) => ({
      id: o.reportId, filename: files[i].filename, format: files[i].report.format, dialect: files[i].report.dialect,
      duplicate: o.duplicate, cases: o.cases, warnings: o.warnings,
    })),
  }, { headers: { "server-timing": timing } });
});
