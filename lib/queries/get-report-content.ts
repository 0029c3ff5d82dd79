// One stored report of a run, decompressed, for download.
import { gunzipSync } from "node:zlib";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/schemas/uuid";

/** null when the report does not exist or belongs to another run. */
export async function getReportContent(runId: string, reportId: string) {
  if (!isUuid(runId) || !isUuid(reportId)) return null;
  const report = await db().report.findFirst({
    where: { id: reportId, runId },
    select: { filename: true, format: true, contentGzip: true },
  });
  if (!report) return null;
  return { filename: report.filename, format: report.format, content: gunzipSync(report.contentGzip) };
}
