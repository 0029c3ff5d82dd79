"use client";
// The body of every route segment's error.tsx: what failed, a reference for
// the server log, and a retry. Next 16 passes retry(); older builds reset().
export function ErrorPanel({ what, error, retry }: { what: string; error: unknown; retry?: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String((error as { digest?: string }).digest ?? "") : "";
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-200 p-4 dark:border-red-900">
      <h1 className="text-xl font-semibold">{what} could not be loaded</h1>
      <p className="text-zinc-500">Something went wrong on the server{digest ? ` (reference ${digest})` : ""}. It may be temporary.</p>
      {retry && (
        <button type="button" onClick={() => retry()} className="rounded border px-3 py-1">
          Try again
        </button>
      )}
    </div>
  );
}
