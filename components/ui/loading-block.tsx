// Placeholder while a page's data loads (loading.tsx of each segment).
export function LoadingBlock({ label }: { label: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <p className="text-zinc-500">Loading {label}…</p>
      <div className="h-8 w-2/3 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
      <div className="h-48 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />
    </div>
  );
}
