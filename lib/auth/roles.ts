// Roles are ordered: each includes what the ones before it may do.
// viewer reads; triager changes status/category and comments; lead assigns and
// manages categories, settings and tokens; admin manages users and runner hosts.
export const ROLES = ["viewer", "triager", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === "string" && (ROLES as readonly string[]).includes(v);
}

export function hasRole(actual: string | null | undefined, min: Role): boolean {
  return isRole(actual) && ROLES.indexOf(actual) >= ROLES.indexOf(min);
}

export const ROLE_LABEL: Record<Role, string> = { viewer: "Viewer", triager: "Triager", lead: "Team lead", admin: "Admin" };

export const MIN_PASSWORD_LENGTH = 12;

// Since project roles (docs/decisions/0018-project-roles.md) viewer, triager and
// lead are held per project (project_members); users.role only says whether
// someone is an admin. A member is stored as "viewer" there and has no rights
// of their own: they come from the projects they belong to.
export const PROJECT_ROLES = ["viewer", "triager", "lead"] as const;
export type ProjectRoleName = (typeof PROJECT_ROLES)[number];
export const ACCOUNT_ROLES = ["member", "admin"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
export const ACCOUNT_ROLE_LABEL: Record<AccountRole, string> = { member: "Member", admin: "Admin" };

export function accountRoleOf(stored: string | null | undefined): AccountRole {
  return stored === "admin" ? "admin" : "member";
}

export function storedRoleOf(account: AccountRole): Role {
  return account === "admin" ? "admin" : "viewer";
}
