// GET /runs/:id/reports/:reportId - download a run's uploaded report as it was sent
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { getReportContent } from "@/lib/queries/get-report-content";

export const dynamic = "force-dynamic";

const CONTENT_TYPE: Record<string, string> = { junit: "application/xml", "ginkgo-json": "application/json" };

/** An attachment name safe in a header: ASCII fallback plus the RFC 5987 UTF-8 form. */
function disposition(filename: string): string {
  const base = filename.split(/[\\/]/).pop() || "report";
  const ascii = base.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`;
}

export async function GET(req: Request, { params }: { params: Promise<{ id: string; reportId: string }> }) {
  const { id, reportId } = await params;
  if (!env().RUNBOARD_PUBLIC_READ && !(await getSessionUser(req.headers))) {
    return Response.json({ error: { code: "unauthorized", message: "Sign in first" } }, { status: 401 });
  }
  const report = await getReportContent(id, reportId);
  if (!report) {
    return Response.json({ error: { code: "not_found", message: `Report ${reportId} of run ${id} does not exist` } }, { status: 404 });
  }
  return new Response(new Uint8Array(report.content), {
    headers: {
      "content-type": `${CONTENT_TYPE[report.format] ?? "application/octet-stream"}; charset=utf-8`,
      "content-disposition": disposition(report.filename),
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=0",
    },
  });
}
