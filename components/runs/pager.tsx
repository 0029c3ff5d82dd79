// Previous/next links of a keyset-paged list (no page numbers: a page is a position, not an offset).
import Link from "next/link";

const link = "rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900";
const off = "rounded border border-zinc-200 px-3 py-1 text-sm text-zinc-400 dark:border-zinc-800 dark:text-zinc-600";

export function Pager({ prevHref, nextHref, firstHref }: { prevHref: string | null; nextHref: string | null; firstHref: string | null }) {
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {firstHref && <Link href={firstHref} className={link}>First page</Link>}
      {prevHref ? <Link href={prevHref} className={link} rel="prev">← Previous</Link> : <span className={off} aria-disabled="true">← Previous</span>}
      {nextHref ? <Link href={nextHref} className={link} rel="next">Next →</Link> : <span className={off} aria-disabled="true">Next →</span>}
    </nav>
  );
}
