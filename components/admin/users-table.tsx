"use client";
// The users, sortable in the browser (a small table); admins make someone an
// admin or a member in place (roles in projects are set on each project's settings page) and the page reloads its data from the server.
import { type ColumnDef, getCoreRowModel, getSortedRowModel, useReactTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { sendJson } from "@/components/triage/api";
import { ACCOUNT_ROLES, ACCOUNT_ROLE_LABEL, type AccountRole } from "@/lib/auth/roles";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: AccountRole;
  createdAt: string;
}

function RoleSelect({ user, onResult }: { user: UserRow; onResult: (m: { error: boolean; text: string }) => void }) {
  const router = useRouter();
  const [role, setRole] = useState<AccountRole>(user.role);
  const [busy, setBusy] = useState(false);

  async function change(next: AccountRole) {
    const before = role;
    setRole(next);
    setBusy(true);
    const error = await sendJson(`/api/admin/users/${user.id}`, "PATCH", { role: next });
    setBusy(false);
    if (error) {
      setRole(before);
      return onResult({ error: true, text: `${user.name}: ${error}` });
    }
    onResult({ error: false, text: `${user.name} is now ${ACCOUNT_ROLE_LABEL[next]}.` });
    router.refresh();
  }

  return (
    <select
      aria-label={`Role of ${user.name}`} value={role} disabled={busy} onChange={(e) => change(e.target.value as AccountRole)}
      className="rounded border border-zinc-300 px-2 py-1 text-sm disabled:opacity-50 dark:border-zinc-700 dark:bg-zinc-900"
    >
      {ACCOUNT_ROLES.map((r) => <option key={r} value={r}>{ACCOUNT_ROLE_LABEL[r]}</option>)}
    </select>
  );
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const columns = useMemo<ColumnDef<UserRow>[]>(() => [
    {
      id: "name", header: "Name", accessorKey: "name",
      cell: ({ row }) => (
        <span>
          {row.original.name}
          {row.original.id === currentUserId && <span className="ml-1 text-xs text-zinc-500">(you)</span>}
        </span>
      ),
    },
    { id: "email", header: "Email", accessorKey: "email" },
    {
      id: "role", header: "Role", accessorFn: (r) => ACCOUNT_ROLES.indexOf(r.role),
      // keyed by role so a refreshed role from the server resets the select
      cell: ({ row }) => <RoleSelect key={row.original.role} user={row.original} onResult={setMessage} />,
    },
    {
      id: "created", header: "Created", accessorFn: (r) => new Date(r.createdAt).getTime(),
      cell: ({ row }) => <time dateTime={row.original.createdAt}>{row.original.createdAt.slice(0, 10)}</time>,
    },
  ], [currentUserId]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: users, columns, getRowId: (r) => r.id, getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel() });

  return (
    <div className="space-y-2">
      {message && (
        <p role={message.error ? "alert" : "status"} className={`text-sm ${message.error ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
          {message.text}
        </p>
      )}
      <DataTable table={table} caption="Users" testId="users-table" empty={<p className="p-4 text-sm text-zinc-500">No users yet.</p>} />
    </div>
  );
}
