// The project roles migration on a database with data (docs/decisions/0018):
// every non-admin user keeps their global role in every existing project, and
// users.role afterwards says only admin or member. The migrations before it run
// as plain SQL on a scratch database, then data goes in, then this one.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const THIS = fs.readdirSync(DIR).find((d) => d.endsWith("_project_roles"))!;
const sql = (name: string) => fs.readFileSync(path.join(DIR, name, "migration.sql"), "utf8");
const name = `roles_mig_${Date.now().toString(36)}`;
let admin: pg.Client;
let c: pg.Client;

beforeAll(async () => {
  const server = new URL(process.env.DATABASE_URL!);
  server.pathname = "/postgres";
  admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  server.pathname = `/${name}`;
  c = new pg.Client({ connectionString: server.toString() });
  await c.connect();
  for (const m of fs.readdirSync(DIR).filter((d) => fs.statSync(path.join(DIR, d)).isDirectory()).sort()) {
    if (m >= THIS) break;
    await c.query(sql(m));
  }
});
afterAll(async () => {
  await c?.end();
  await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin?.end();
});

describe(`migration ${THIS}`, () => {
  it("gives each non-admin user their former global role in every existing project; admins stay admins", async () => {
    await c.query(`INSERT INTO projects (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'p1', 'P1', now()), (gen_random_uuid(), 'p2', 'P2', now())`);
    await c.query(`INSERT INTO users (id, email, name, role, "updatedAt") VALUES
      (gen_random_uuid(), 'v@m.test', 'V', 'viewer', now()), (gen_random_uuid(), 't@m.test', 'T', 'triager', now()),
      (gen_random_uuid(), 'l@m.test', 'L', 'lead', now()), (gen_random_uuid(), 'a@m.test', 'A', 'admin', now())`);
    await c.query(sql(THIS));
    const { rows } = await c.query(
      `SELECT u.email, p.slug, m.role::text AS role FROM project_members m JOIN users u ON u.id = m."userId" JOIN projects p ON p.id = m."projectId" ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { email: "l@m.test", slug: "p1", role: "lead" }, { email: "l@m.test", slug: "p2", role: "lead" },
      { email: "t@m.test", slug: "p1", role: "triager" }, { email: "t@m.test", slug: "p2", role: "triager" },
      { email: "v@m.test", slug: "p1", role: "viewer" }, { email: "v@m.test", slug: "p2", role: "viewer" },
    ]);
    const users = await c.query(`SELECT email, role::text AS role FROM users ORDER BY email`);
    expect(users.rows).toEqual([
      { email: "a@m.test", role: "admin" }, { email: "l@m.test", role: "viewer" }, { email: "t@m.test", role: "viewer" }, { email: "v@m.test", role: "viewer" },
    ]);
  });

  it("refuses a member that is both or neither a person and a team, and an admin role in a project", async () => {
    const [p] = (await c.query(`SELECT id FROM projects LIMIT 1`)).rows;
    const [u] = (await c.query(`SELECT id FROM users WHERE email = 'a@m.test'`)).rows;
    const insert = (userId: string | null, role: string) =>
      c.query(`INSERT INTO project_members (id, "projectId", "userId", role) VALUES (gen_random_uuid(), $1, $2, $3::"Role")`, [p.id, userId, role]);
    await expect(insert(null, "viewer")).rejects.toThrow(/project_members_one_holder/);
    await expect(insert(u.id, "admin")).rejects.toThrow(/project_members_not_admin/);
  });
});
