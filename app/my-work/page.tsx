// My work: the open triage items assigned to me and those my teams own, oldest
// first, with items past their project's limit (maxOpenDays) marked.
import type { Metadata } from "next";
import { WorkTable } from "@/components/my-work/work-table";
import { readerScope, requirePageRole } from "@/lib/auth/session";
import { findMyWork } from "@/lib/queries/find-my-work";

export const metadata: Metadata = { title: "My work · Runboard" };
export const dynamic = "force-dynamic";

export default async function MyWorkPage() {
  const user = await requirePageRole("viewer", "/my-work");
  if (!user) return null;
  const work = await findMyWork(user.id, await readerScope(user));
  const overdue = [...work.mine, ...work.team].filter((r) => r.overdue).length;
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">My work</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="my-work-summary">
        {work.mine.length} open item{work.mine.length === 1 ? "" : "s"} assigned to you, {work.team.length} owned by your team{work.teams.length === 1 ? "" : "s"}
        {work.teams.length ? ` (${work.teams.join(", ")})` : " (you are in no team)"}; {overdue} over their project&apos;s limit.
      </p>
      <section aria-labelledby="mine-title" className="space-y-2">
        <h2 id="mine-title" className="text-lg font-semibold">Assigned to me</h2>
        <WorkTable rows={work.mine} testId="my-items" empty="Nothing open is assigned to you." />
      </section>
      <section aria-labelledby="team-title" className="space-y-2">
        <h2 id="team-title" className="text-lg font-semibold">My team</h2>
        <WorkTable rows={work.team} testId="team-items" empty="Your teams own no open items without a person assigned." />
      </section>
    </div>
  );
}
