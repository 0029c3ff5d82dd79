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
