// A project's settings: root-cause categories (team leads rename and add them)
// the auto-resolve threshold (set with the CLI), the CI tokens (leads create and revoke)
// and how long results are kept (retention, leads).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddCategoryForm } from "@/components/settings/category-forms";
import { CategoryTable } from "@/components/settings/category-table";
import { hasRole } from "@/lib/auth/roles";
import { projectRole, readerScope, requireReader } from "@/lib/auth/session";
import { RetentionForm } from "@/components/settings/retention-form";
import { TimingPopulationForm } from "@/components/settings/timing-population-form";
import { TokenManager } from "@/components/tokens/token-manager";
import { getProjectSettings } from "@/lib/queries/get-project-settings";
import { MIN_RETENTION_DAYS } from "@/lib/schemas/project-settings";
import { ProjectMembers } from "@/components/members/project-members";
import { NotificationSettings } from "@/components/notifications/notification-settings";

export const metadata: Metadata = { title: "Project settings · Runboard" };
export const dynamic = "force-dynamic";

export default async function ProjectSettingsPage({ params }: { params: Promise<{ project: string }> }) {
  const { project: slug } = await params;
  const user = await requireReader(`/projects/${slug}/settings`);
  const project = await getProjectSettings(slug, await readerScope(user));
  if (!project) notFound();
  const canEdit = hasRole(await projectRole(user, project.id), "lead");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{project.name} · settings</h1>
        <Link href={`/runs?project=${encodeURIComponent(project.slug)}`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">Runs of {project.slug}</Link>
      </div>

      <section aria-labelledby="categories-title" className="space-y-3">
        <h2 id="categories-title" className="text-lg font-semibold">Root-cause categories</h2>
        {!canEdit && <p className="text-sm text-zinc-500">Team leads rename and add categories.</p>}
        {project.categories.length === 0 ? (
          <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700" data-testid="categories-empty">
            No categories yet. Categories are created with the first failure.
          </p>
        ) : (
          <CategoryTable project={project.slug} categories={project.categories} canEdit={canEdit} />
        )}
        {canEdit && <AddCategoryForm project={project.slug} />}
      </section>

      <section aria-labelledby="tokens-title" className="space-y-3">
        <h2 id="tokens-title" className="text-lg font-semibold">CI tokens</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Tokens let CI post results to <code>/api/v1</code> for this project only; they never act as a person. A token is shown once.
        </p>
        <TokenManager
          project={project.slug}
          canManage={canEdit}
          tokens={project.tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))}
        />
      </section>

      <section aria-labelledby="timing-title" className="space-y-2">
        <h2 id="timing-title" className="text-lg font-semibold">Timing statistics</h2>
        {!canEdit && <p className="text-sm text-zinc-500">Team leads change which runs are compared.</p>}
        <TimingPopulationForm
          project={project.slug}
          canEdit={canEdit}
          initial={{ compareAcrossTemplates: project.compareAcrossTemplates, includeTryOutRuns: project.includeTryOutRuns }}
        />
      </section>
      <section aria-labelledby="retention-title" className="space-y-2">
        <h2 id="retention-title" className="text-lg font-semibold">Retention</h2>
        {!canEdit && <p className="text-sm text-zinc-500">Team leads change how long results are kept.</p>}
        <RetentionForm project={project.slug} days={project.resultRetentionDays} minDays={MIN_RETENTION_DAYS} canEdit={canEdit} />
      </section>
      <ProjectMembers projectId={project.id} slug={project.slug} canEdit={canEdit} />
      <NotificationSettings projectId={project.id} slug={project.slug} canEdit={canEdit} maxOpenDays={project.maxOpenDays} />

      <section aria-labelledby="auto-resolve-title" className="space-y-2">
        <h2 id="auto-resolve-title" className="text-lg font-semibold">Auto-resolve</h2>
        <p className="text-sm" data-testid="auto-resolve-after">
          An open triage item resolves itself after <strong>{project.autoResolveAfter}</strong> consecutive passing run{project.autoResolveAfter === 1 ? "" : "s"}.
        </p>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          To change it:{" "}
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs dark:bg-zinc-800">
            npx runboard project set --project {project.slug} --auto-resolve-after N
          </code>
        </p>
      </section>
    </div>
  );
}
