// /requirements/grid: requirement IDs (grouped by prefix, expandable to specs)
// against the project's last N runs; each cell the worst result of the
// requirement's specs in that run. Project, mode, branch, dates and N live in the URL.
import type { Metadata } from "next";
import Link from "next/link";
import { type GridProps, RequirementGridView } from "@/components/requirements/requirement-grid";
import type { GridCell } from "@/lib/analysis/requirement-grid";
import { readerScope, requireReader } from "@/lib/auth/session";
import { findProjectOptions } from "@/lib/queries/find-project-options";
import { getRequirementGrid, gridQuerySchema } from "@/lib/queries/get-requirement-grid";
import { firstValues } from "@/lib/schemas/search-params";

export const metadata: Metadata = { title: "Requirement grid · Runboard" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const CODE: Record<GridCell, string> = { failed: "F", skipped: "S", passed: "P", not_run: "-" };
const field = "rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export default async function RequirementGridPage({ searchParams }: Props) {
  const sp = await searchParams;
  const reader = await requireReader(`/requirements/grid?${new URLSearchParams(firstValues(sp))}`);
  const q = gridQuerySchema.parse(sp);
  const scope = await readerScope(reader);
  const projects = await findProjectOptions(scope);
  const slug = q.project ?? projects[0]?.slug;
  const found = slug ? await getRequirementGrid(slug, q, scope) : null;
  const project = found?.project;
  const grid = found?.grid;
  const props: GridProps | null = !grid ? null : {
    runs: grid.runs.map((r) => {
      const d = new Date(r.startedAt).toISOString();
      return { id: r.id, label: `${d.slice(8, 10)}`, title: `${d.slice(0, 16).replace("T", " ")} UTC · ${r.mode}${r.branch ? ` · ${r.branch}` : ""} · ${r.status}` };
    }),
    groups: grid.groups.map((g) => ({
      prefix: g.prefix,
      requirements: g.requirements.map((r) => ({
        id: r.id,
        cells: r.cells.map((c) => CODE[c]).join(""),
        specs: r.specs.map((s) => ({
          id: s.id, name: s.name, cells: s.cells.map((c) => CODE[c]).join(""),
        })),
      })),
    })),
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Requirement grid{project && <span className="text-zinc-500"> · {project.name}</span>}</h1>
        <Link href="/requirements" className="text-sm text-sky-700 underline dark:text-sky-400">Requirement list</Link>
      </div>
      <form method="get" action="/requirements/grid" className="flex flex-wrap items-end gap-3" aria-label="Filter the grid">
        <label className="text-xs"><span className="block text-zinc-500">Project</span>
          <select name="project" defaultValue={slug ?? ""} className={field}>{projects.map((p) => <option key={p.slug} value={p.slug}>{p.name}</option>)}</select>
        </label>
        <label className="text-xs"><span className="block text-zinc-500">Mode</span><input name="mode" defaultValue={q.mode ?? ""} placeholder="any" className={`${field} w-28`} /></label>
        <label className="text-xs"><span className="block text-zinc-500">Branch</span><input name="branch" defaultValue={q.branch ?? ""} placeholder="any" className={`${field} w-32`} /></label>
        <label className="text-xs"><span className="block text-zinc-500">From</span><input type="date" name="from" defaultValue={q.from ?? ""} className={field} /></label>
        <label className="text-xs"><span className="block text-zinc-500">To</span><input type="date" name="to" defaultValue={q.to ?? ""} className={field} /></label>
        <label className="text-xs"><span className="block text-zinc-500">Last runs</span><input type="number" name="runs" min={1} max={100} defaultValue={q.runs} className={`${field} w-20`} /></label>
        <button type="submit" className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">Apply</button>
      </form>
      {!props || props.runs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-sm text-zinc-500 dark:border-zinc-700" data-testid="grid-empty">
          {project ? "No run matches these filters." : "No project yet."}
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="grid-summary">
            {grid!.requirementCount} requirement{grid!.requirementCount === 1 ? "" : "s"} in {props.groups.length} group{props.groups.length === 1 ? "" : "s"} × the last {props.runs.length} run{props.runs.length === 1 ? "" : "s"}, newest first.
            {" "}Cell: ✕ failed, – skipped, ✓ passed, · not run (the worst of the requirement&apos;s specs).
          </p>
          <RequirementGridView {...props} />
        </>
      )}
    </div>
  );
}
