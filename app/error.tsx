"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="space-y-2">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-zinc-500">The page could not be loaded{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button onClick={reset} className="rounded border px-3 py-1">
        Try again
      </button>
    </div>
  );
}
