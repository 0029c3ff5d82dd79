// Failures grouped by signature: the normalized text, how many specs, which
// ones, and one full message. All text is rendered as text (React escapes).
import type { RunFailureGroups } from "@/lib/queries/find-run-failure-groups";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The section heading's count: the groups listed, out of how many when capped. */
export function failureGroupsHeadingCount({ groups, groupCount }: RunFailureGroups): string {
  return groups.length === groupCount ? String(groupCount) : `${groups.length} of ${groupCount}`;
}

export function FailureGroups({ groups, groupCount, failureCount }: RunFailureGroups) {
  if (groups.length === 0) return <p className="text-sm text-zinc-500">No spec failed.</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="failure-groups-summary">
        {plural(failureCount, "failure")} in {plural(groupCount, "group")}
        {groups.length < groupCount && `; the ${groups.length} largest are shown`}
      </p>
      <ol className="space-y-3" data-testid="failure-groups">
        {groups.map((g) => (
          <li key={g.signatureId ?? "none"} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <p className="text-sm font-medium">
              <span className="mr-2 rounded bg-red-100 px-1.5 py-0.5 text-xs text-red-900 dark:bg-red-900/40 dark:text-red-200">
                {plural(g.specCount, "spec")}
                {g.count > g.specCount && ` · ${plural(g.count, "failure")}`}
              </span>
              <span className="text-zinc-500">signature</span>
            </p>
            <pre className="mt-1 whitespace-pre-wrap break-words text-xs text-zinc-700 dark:text-zinc-300">{g.signature ?? "(no message)"}</pre>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {g.specs.map((s) => (
                <li key={s.id}>
                  <a href={`/specs/${s.id}`} className="rb-link">{s.name}</a>
                </li>
              ))}
              {g.specCount > g.specs.length && <li className="text-zinc-500">and {g.specCount - g.specs.length} more</li>}
            </ul>
            {g.example && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-zinc-600 dark:text-zinc-400">First message in full</summary>
                <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-900">{g.example}</pre>
              </details>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
