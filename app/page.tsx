// Overview: per project, the latest run and its trends.
import { ProjectCard } from "@/components/overview/project-card";
import { findProjectOverviews } from "@/lib/queries/find-project-overviews";
import { readerScope, requireReader } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const reader = await requireReader("/");
  const projects = await findProjectOverviews(await readerScope(reader));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      {projects.length === 0 ? (
        <p className="text-zinc-500">No projects yet. Create a token with `npx runboard token create --project NAME` and post a run.</p>
      ) : (
        projects.map((p) => <ProjectCard key={p.id} project={p} />)
      )}
    </div>
  );
}
