// The triage filters as a plain GET form: the state lives in the URL.
import Link from "next/link";
import type { TriageFilter } from "@/lib/queries/find-triage-items";
import { STATUS_LABEL, TRIAGE_STATUSES } from "@/lib/triage/schemas";

const field = "rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function TriageFilters({ filter, options }: {
  filter: TriageFilter;
  options: { projects: { slug: string; name: string }[]; categories: { key: string; label: string }[]; people: { id: string; name: string }[]; teams: { slug: string; name: string }[] };
}) {
  return (
    <form method="get" action="/triage" className="flex flex-wrap items-end gap-3" aria-label="Filter triage items">
      {filter.view && <input type="hidden" name="view" value={filter.view} />}
      <label className="text-xs">
        <span className="block text-zinc-500">Project</span>
        <select name="project" defaultValue={filter.project ?? ""} className={field}>
          <option value="">All projects</option>
          {options.projects.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}
        </select>
      </label>
      <label className="text-xs">
        <span className="block text-zinc-500">Requirement ID</span>
        <input name="req" defaultValue={filter.req ?? ""} placeholder="BR-GATEWAY-018" className={`${field} w-40 font-mono`} />
      </label>
      <label className="text-xs">
        <span className="block text-zinc-500">Category</span>
        <select name="category" defaultValue={filter.category ?? ""} className={field}>
          <option value="">Any category</option>
          <option value="none">Not categorised</option>
          {options.categories.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
        </select>
      </label>
      <label className="text-xs">
        <span className="block text-zinc-500">Status</span>
        <select name="status" defaultValue={filter.status ?? "open"} className={field}>
          <option value="open">Open (new, investigating, fix in progress)</option>
          <option value="all">All</option>
          {TRIAGE_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABEL[s]}</option>)}
        </select>
      </label>
      <label className="text-xs">
        <span className="block text-zinc-500">Assignee</span>
        <select name="assignee" defaultValue={filter.assignee ?? ""} className={field}>
          <option value="">Anyone</option>
          <option value="none">Unowned (no person or team)</option>
          {options.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      {options.teams.length > 0 && (
        <label className="text-xs">
          <span className="block text-zinc-500">Owning team</span>
          <select name="team" defaultValue={filter.team ?? ""} className={field}>
            <option value="">Any team</option>
            {options.teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
          </select>
        </label>
      )}
      <button type="submit" className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">Apply</button>
      <Link href="/triage" className="text-sm text-zinc-600 hover:underline dark:text-zinc-400">Reset</Link>
    </form>
  );
}
