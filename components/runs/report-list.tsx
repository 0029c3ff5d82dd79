// The run's uploaded reports: view as text (line numbers) or download, and each report's warnings,
// with the declared-vs-counted discrepancy of the run as a whole.
import type { RunDetail } from "@/lib/queries/get-run-detail";

function warningsOf(json: unknown): string[] {
  return Array.isArray(json) ? json.filter((w): w is string => typeof w === "string") : [];
}

export function ReportList({ run }: { run: RunDetail }) {
  const declaredDiffers = run.testsDeclared !== null && run.testsDeclared !== run.testsTotal;
  if (run.reports.length === 0) return <p className="text-sm text-zinc-500">No report was uploaded for this run.</p>;
  return (
    <div className="space-y-2">
      {declaredDiffers && (
        <p role="note" className="text-sm text-amber-800 dark:text-amber-300" data-testid="declared-mismatch">
          The reports declared {run.testsDeclared} tests; {run.testsTotal} test cases were counted. Runboard counts the test cases.
        </p>
      )}
      <ul className="space-y-2 text-sm">
        {run.reports.map((r) => {
          const warnings = warningsOf(r.warnings);
          return (
            <li key={r.id}>
              <a href={`/runs/${run.id}/reports/${r.id}/view`} className="text-sky-700 underline dark:text-sky-400" title="View as text with line numbers">
                {r.filename}
              </a>{" "}
              (<a href={`/runs/${run.id}/reports/${r.id}`} download className="text-sky-700 underline dark:text-sky-400" aria-label={`Download ${r.filename}`}>download</a>){" "}
              <span className="text-zinc-500">
                {r.format} ({r.dialect}), {r.caseCount} cases, {(r.sizeBytes / 1024).toFixed(1)} KB
              </span>
              {warnings.length > 0 && (
                <ul className="ml-5 list-disc text-amber-800 dark:text-amber-300" aria-label={`Warnings for ${r.filename}`}>
                  {warnings.map((w, i) => <li key={i}>{w}</li>)}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
