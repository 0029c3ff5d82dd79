// A project's root-cause categories; team leads get a rename form per row.
import { RenameCategoryForm } from "@/components/settings/category-forms";

export interface CategoryRow {
  id: string;
  key: string;
  label: string;
  position: number;
}

export function CategoryTable({ project, categories, canEdit }: { project: string; categories: CategoryRow[]; canEdit: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse text-sm [&_td]:px-3 [&_td]:py-2 [&_td]:align-middle [&_tbody_tr]:border-t [&_tbody_tr]:border-zinc-100 dark:[&_tbody_tr]:border-zinc-800/70" data-testid="categories">
        <caption className="sr-only">Root-cause categories</caption>
        <thead className="bg-zinc-50 text-left text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Label</th>
            <th scope="col" className="px-3 py-2 font-medium">Key</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Position</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.id}>
              <td>
                {/* keyed by label so a refreshed label from the server resets the input */}
                {canEdit ? <RenameCategoryForm key={c.label} project={project} id={c.id} label={c.label} /> : c.label}
              </td>
              <td className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{c.key}</td>
              <td className="text-right tabular-nums">{c.position}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
