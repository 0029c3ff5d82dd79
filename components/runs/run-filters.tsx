"use client";
// Filters of the runs page. Without JavaScript it is a plain GET form; with
// it, submitting builds a clean URL (empty fields left out, cursor reset).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { type RunListQuery, runListHref } from "@/lib/schemas/run-list-query";
import { RUN_STATUSES } from "@/lib/schemas/status";

const input = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function RunFilters({ query, projects, modes }: { query: RunListQuery; projects: { slug: string; name: string }[]; modes: Record<string, string[]> }) {
  const router = useRouter();
  // the mode menu offers the chosen project's modes (all projects' without one), and keeps a mode from the URL
  const [project, setProject] = useState(query.project ?? "");
  const offered = [...new Set([...(project ? modes[project] ?? [] : Object.values(modes).flat()), ...(query.mode ? [query.mode] : [])])].sort();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => (String(f.get(k) ?? "").trim() || undefined) as never;
    router.push(runListHref({ sort: query.sort, dir: query.dir }, { project: v("project"), mode: v("mode"), branch: v("branch"), status: v("status"), from: v("from"), to: v("to"), q: v("q") }));
  };
  return (
    <form method="get" action="/runs" onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Filter runs">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Project
        <select name="project" value={project} onChange={(e) => setProject(e.target.value)} className={input}>
          <option value="">all</option>
          {projects.map((p) => (
            <option key={p.slug} value={p.slug}>{p.name}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Mode
        <select name="mode" defaultValue={query.mode ?? ""} className={input}>
          <option value="">any</option>
          {offered.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Branch
        <input name="branch" defaultValue={query.branch ?? ""} placeholder="any" className={`${input} w-32`} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Status
        <select name="status" defaultValue={query.status ?? ""} className={input}>
          <option value="">any</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        From
        <input type="date" name="from" defaultValue={query.from ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        To
        <input type="date" name="to" defaultValue={query.to ?? ""} className={input} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Search
        <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="branch, commit, CI id, host" className={`${input} w-52`} />
      </label>
      {query.sort !== "started" && <input type="hidden" name="sort" value={query.sort} />}
      {query.dir !== "desc" && <input type="hidden" name="dir" value={query.dir} />}
      <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800">
        Apply
      </button>
      <Link href={runListHref({ sort: query.sort, dir: query.dir })} className="py-1 text-sm text-zinc-600 underline dark:text-zinc-400">
        Clear
      </Link>
    </form>
  );
}
