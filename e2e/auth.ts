// Who the browser tests sign in as. e2e/auth.setup.ts creates these users in the
// e2e database and saves one signed-in browser state per role.
import path from "node:path";

export const E2E_PASSWORD = "e2e-password-0123456789";
export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Admin" },
  lead: { email: "lead@e2e.test", name: "Lena Lead" },
  triager: { email: "triager@e2e.test", name: "Tom Triager" },
  viewer: { email: "viewer@e2e.test", name: "Vera Viewer" },
} as const;
export type E2eRole = keyof typeof E2E_USERS;

export const storageStateOf = (role: E2eRole) => path.resolve(import.meta.dirname, `../test-results/.auth/${role}.json`);
