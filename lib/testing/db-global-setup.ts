// Vitest global setup for the "db" project: a fresh, migrated database on the
// server npm test provides (TEST_PG_SERVER_URL), or DATABASE_URL's server, or
// an embedded PostgreSQL started here. Workers inherit DATABASE_URL.
import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { startEmbeddedPostgres } from "@/lib/ops/embedded-postgres";
import { createTestDatabase } from "@/lib/testing/test-database";

export default async function setup() {
  let server = process.env.TEST_PG_SERVER_URL ?? process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runboard-vitest-pg-"));
    fs.chmodSync(dir, 0o755); // as root, PostgreSQL runs as user "postgres" and must reach its data directory
    const epg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "postgres", persistent: false });
    server = epg.adminUrl;
    stopServer = async () => {
      await epg.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const testDb = await createTestDatabase(server);
  process.env.DATABASE_URL = testDb.url;
  return async () => {
    await testDb.drop();
    await stopServer();
  };
}
