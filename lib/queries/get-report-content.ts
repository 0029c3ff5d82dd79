// One stored report of a run, decompressed, for download.
import { gunzipSync } from "node:zlib";
import { type ProjectScope, projectFilter } from "@/lib/auth/project-access";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

/** null when the report does not exist, belongs to another run, or its run is outside the reader's `scope`. */
export async function getReportContent(runId: string, reportId: string, scope: ProjectScope = null) {
  if (!isUuid(runId) || !isUuid(reportId)) return null;
  const report = await db().report.findFirst({
    where: { id: reportId, runId, run: projectFilter(scope) },
    select: { filename: true, format: true, contentGzip: true },
  });
  if (!report) return null;
  return { filename: report.filename, format: report.format, content: gunzipSync(report.contentGzip) };
}
