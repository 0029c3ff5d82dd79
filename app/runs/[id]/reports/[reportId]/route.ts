// GET /runs/:id/reports/:reportId - download a run's uploaded report as it was sent
import { AppError } from "@/lib/errors";
import { readerRoute } from "@/lib/http/session-route";
import { getReportContent } from "@/lib/queries/get-report-content";

export const dynamic = "force-dynamic";

const CONTENT_TYPE: Record<string, string> = { junit: "application/xml", "ginkgo-json": "application/json" };

/** An attachment name safe in a header: ASCII fallback plus the RFC 5987 UTF-8 form. */
function disposition(filename: string): string {
  const base = filename.split(/[\\/]/).pop() || "report";
  const ascii = base.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

export const GET = readerRoute<{ id: string; reportId: string }>(async ({ params: { id, reportId }, scope }) => {
  const report = await getReportContent(id, reportId, scope);
  if (!report) throw new AppError("not_found", `Report ${reportId} of run ${id} does not exist`);
  return new Response(new Uint8Array(report.content), {
    headers: {
      "content-type": `${CONTENT_TYPE[report.format] ?? "application/octet-stream"}; charset=utf-8`,
      "content-disposition": disposition(report.filename),
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=0",
    },
  });
});
