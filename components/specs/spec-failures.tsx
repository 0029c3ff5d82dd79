// Each recent failure of a spec: when, which run, its signature and message (as text).
import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { SpecHistoryRow } from "@/lib/queries/find-spec-history";

export function SpecFailures({ history }: { history: SpecHistoryRow[] }) {
  const failures = history.filter((h) => h.status === "failed" || h.status === "errored");
  if (failures.length === 0) return <p className="text-sm text-zinc-500">No failure in these runs.</p>;
  return (
    <ol className="space-y-3" data-testid="spec-failures">
      {failures.map((f, i) => (
        <li key={f.resultId} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <p className="text-sm">
            <Link href={`/runs/${f.runId}`} className="text-sky-700 underline dark:text-sky-400">{formatDateTime(f.runStartedAt)}</Link>
            <span className="text-zinc-500"> · {f.status} · {f.mode}{f.commitSha ? ` · ${f.commitSha.slice(0, 7)}` : ""}</span>
          </p>
          {f.signature && (
            <p className="mt-1 text-xs text-zinc-500">
              signature: <code className="whitespace-pre-wrap break-words">{f.signature.split("\n")[0]}</code>
            </p>
          )}
          {i > 0 && f.message === failures[i - 1].message ? (
            // repeating an identical 60-line message fifty times hides the ones that differ
            <p className="mt-1 text-xs text-zinc-500">Same message as the failure above.</p>
          ) : (
            <pre tabIndex={0} className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{f.message ?? "(no message)"}</pre>
          )}
        </li>
      ))}
    </ol>
  );
}
