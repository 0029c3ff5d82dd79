// The body of the not-found pages: say what is missing and where to go instead.
import Link from "next/link";

export function NotFoundPanel({ what, backHref, backLabel }: { what: string; backHref: string; backLabel: string }) {
  return (
    <div className="space-y-2" data-testid="not-found">
      <h1 className="text-xl font-semibold">{what} not found</h1>
      <p className="text-zinc-500">It may have been deleted, or the link is mistyped.</p>
      <Link href={backHref} className="text-sky-700 underline dark:text-sky-400">{backLabel}</Link>
    </div>
  );
}
