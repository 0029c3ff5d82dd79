// The project's members on its settings page: people and teams with their role
// here. Its leads and admins change them; others read who belongs.
import Link from "next/link";
import { AddMemberForm, MemberControls } from "@/components/members/member-forms";
import { ROLE_LABEL, isRole } from "@/lib/auth/roles";
import { findProjectMembers } from "@/lib/queries/find-project-members";

export async function ProjectMembers({ projectId, slug, canEdit }: { projectId: string; slug: string; canEdit: boolean }) {
  const members = await findProjectMembers(projectId);
  return (
    <section aria-labelledby="members-title" className="space-y-3">
      <h2 id="members-title" className="text-lg font-semibold">Members</h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Only members see this project. A person&apos;s role here is the highest of their own and their teams&apos;; admins see every project.
      </p>
      {members.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 p-4 text-sm text-zinc-500 dark:border-zinc-700" data-testid="members-empty">
          No members yet: only admins see this project.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="project-members">
            <thead><tr className="text-left"><th>Member</th><th>Name</th><th>Role</th></tr></thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id} className="border-t align-top">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">{m.handle}</th>
                  <td className="py-1 pr-3">{m.name}{m.kind === "team" ? " (team)" : ""}</td>
                  <td className="py-1">
                    {canEdit ? <MemberControls project={slug} id={m.id} handle={m.handle} role={m.role} /> : (isRole(m.role) ? ROLE_LABEL[m.role] : m.role)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddMemberForm project={slug} />}
      {canEdit && <p className="text-sm"><Link href="/teams" className="text-sky-700 underline dark:text-sky-400">Manage teams</Link></p>}
    </section>
  );
}
