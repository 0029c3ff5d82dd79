// Admins: who can sign in, with which role; create users and change roles.
import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { type UserRow, UsersTable } from "@/components/admin/users-table";
import { accountRoleOf } from "@/lib/auth/roles";
import { RoleNotice } from "@/components/ui/role-notice";
import { requirePageRole } from "@/lib/auth/session";
import { findUsers } from "@/lib/queries/find-users";

export const metadata: Metadata = { title: "Users · Runboard" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await requirePageRole("admin", "/admin/users");
  if (!me) {
    return <RoleNotice>Only admins manage users. Ask an admin to change your role.</RoleNotice>;
  }
  const users = await findUsers();
  const rows: UserRow[] = users.map((u) => ({ ...u, role: accountRoleOf(u.role), createdAt: u.createdAt.toISOString() }));
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Users</h1>
      <section aria-labelledby="create-user" className="space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="create-user" className="text-lg font-semibold">Create a user</h2>
        <CreateUserForm />
      </section>
      <section aria-labelledby="all-users" className="space-y-2">
        <h2 id="all-users" className="text-lg font-semibold">All users ({rows.length})</h2>
        <UsersTable users={rows} currentUserId={me.id} />
      </section>
    </div>
  );
}
