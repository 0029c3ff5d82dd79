// /runs/:id/reports/:reportId/view - an uploaded report as text with line
// numbers (the report itself downloads from /runs/:id/reports/:reportId).
// React escapes the text: a report's markup never becomes the page's markup.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readerScope, requireReader } from "@/lib/auth/session";
import { getReportContent } from "@/lib/queries/get-report-content";

export const metadata: Metadata = { title: "Report · Runboard" };
export const dynamic = "force-dynamic";

/** Lines shown on the page; a longer report says so and downloads whole. */
const MAX_LINES = 20_000;

type Props = { params: Promise<{ id: string; reportId: string }> };

export default async function ReportTextPage({ params }: Props) {
  const { id, reportId } = await params;
  const reader = await requireReader(`/runs/${id}/reports/${reportId}/view`);
  // a report of a project the reader cannot see is as unknown as one that does not exist
  const report = await getReportContent(id, reportId, await readerScope(reader));
  if (!report) notFound();
  const lines = report.content.toString("utf8").replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  const shown = lines.slice(0, MAX_LINES);
  const download = `/runs/${id}/reports/${reportId}`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="break-all text-xl font-semibold">{report.filename}</h1>
        <p className="flex gap-4 text-sm">
          <Link href={`/runs/${id}#reports`} className="rb-link">Back to the run</Link>
          <a href={download} download className="rb-link">Download</a>
        </p>
      </div>
      <p className="text-sm text-zinc-500">
        {lines.length.toLocaleString("en")} line{lines.length === 1 ? "" : "s"}, {report.format}
        {lines.length > shown.length && `; the first ${MAX_LINES.toLocaleString("en")} are shown here, download the report for all of them`}
      </p>
      <div tabIndex={0} role="region" aria-label={`${report.filename}, line by line`} className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="font-mono text-xs" data-testid="report-lines">
          <tbody>
            {shown.map((line, i) => (
              <tr key={i} id={`L${i + 1}`}>
                <td className="select-none border-r border-zinc-200 bg-zinc-50 px-2 text-right text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900">{i + 1}</td>
                <td className="whitespace-pre px-2">{line}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
