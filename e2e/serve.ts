// Playwright's web server: a fresh database on the test PostgreSQL server,
// then the real launcher (lib/ops/start.ts) against it. The database is
// dropped when Playwright stops the server.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase } from "@/lib/testing/test-database";
import { E2E_PASSWORD, E2E_USERS } from "./auth";

const server = process.env.TEST_PG_SERVER_URL;
if (!server) {
  console.error("e2e/serve.ts needs TEST_PG_SERVER_URL (npm test sets it)");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const testDb = await createTestDatabase(server, "runboard_e2e");
// e2e specs that check stored state read the database URL from here
fs.mkdirSync(path.join(root, "test-results"), { recursive: true });
fs.writeFileSync(path.join(root, "test-results/e2e-database-url"), testDb.url);
const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/ops/start.ts"], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: testDb.url,
    RUNBOARD_DATA_DIR: path.join(root, "test-results/e2e-data"),
    RUNBOARD_ADMIN_EMAIL: E2E_USERS.admin.email,
    RUNBOARD_ADMIN_PASSWORD: E2E_PASSWORD,
    // the auth setup signs in four users from one address, the admin and security-review specs
    // three more, all possibly within a minute; the rate-limit tests spend the rest
    RUNBOARD_SIGNIN_LIMIT: "10/60",
    // runner hosts' SSH keys are encrypted with it; with DATABASE_URL set none is generated
    RUNBOARD_SECRET_KEY: process.env.RUNBOARD_SECRET_KEY ?? randomBytes(32).toString("hex"),
  },
  stdio: "inherit",
});
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", async (code) => {
  await testDb.drop().catch((e) => console.error("dropping the e2e database failed:", e.message));
  process.exit(stopping ? 0 : (code ?? 1));
});
