// The requirement filters as a plain GET form: the state lives in the URL.
import Link from "next/link";

const field = "rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function RequirementFilters({ project, q, projects }: { project?: string; q?: string; projects: { slug: string; name: string }[] }) {
  return (
    <form method="get" action="/requirements" className="flex flex-wrap items-end gap-3" aria-label="Filter requirements">
      <label className="text-xs">
        <span className="block text-zinc-500">Project</span>
        <select name="project" defaultValue={project ?? ""} className={field}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
        </select>
      </label>
      <label className="text-xs">
        <span className="block text-zinc-500">Requirement ID contains</span>
        <input name="q" type="search" defaultValue={q ?? ""} placeholder="BR-GATEWAY" className={`${field} w-48 font-mono`} />
      </label>
      <button type="submit" className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">Apply</button>
      <Link href="/requirements" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">Reset</Link>
    </form>
  );
}
