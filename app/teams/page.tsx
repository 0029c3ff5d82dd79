// Teams: who is in which team. Admins and team leads create teams and change
// their members; a team's roles in projects are set on each project's settings page.
import type { Metadata } from "next";
import { AddTeamMemberForm, CreateTeamForm, RemoveTeamMemberButton } from "@/components/members/team-forms";
import { RoleNotice } from "@/components/ui/role-notice";
import { requirePageRole } from "@/lib/auth/session";
import { listTeams } from "@/lib/ownership/teams";

export const metadata: Metadata = { title: "Teams · Runboard" };
export const dynamic = "force-dynamic";

export default async function TeamsPage() {
  const me = await requirePageRole("lead", "/teams");
  if (!me) {
    return <RoleNotice>Admins and team leads manage teams.</RoleNotice>;
  }
  const teams = await listTeams();
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Teams</h1>
      <section aria-labelledby="create-team" className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="create-team" className="text-lg font-semibold">Create a team</h2>
        <CreateTeamForm />
      </section>
      {teams.length === 0 && <p className="text-sm text-zinc-500" data-testid="teams-empty">No teams yet.</p>}
      {teams.map((t) => (
        <section key={t.slug} aria-labelledby={`team-${t.slug}`} className="space-y-2" data-testid="team">
          <h2 id={`team-${t.slug}`} className="text-lg font-semibold">{t.name} <span className="text-sm font-normal text-zinc-500">@{t.slug}</span></h2>
          {t.members.length === 0 ? <p className="text-sm text-zinc-500">No members.</p> : (
            <ul className="text-sm">
              {t.members.map((m) => (
                <li key={m.user.email} className="flex flex-wrap items-center gap-3">
                  <span>{m.user.name} ({m.user.email})</span>
                  <RemoveTeamMemberButton team={t.slug} email={m.user.email} />
                </li>
              ))}
            </ul>
          )}
          <AddTeamMemberForm team={t.slug} />
        </section>
      ))}
    </div>
  );
}
