// Readiness: the database answers, every migration in prisma/migrations is
// applied, and the job queue is usable (graphile-worker's schema exists once
// any job was queued), with its depth and stuck leases reported.
import fs from "node:fs";
import path from "node:path";
import { pool } from "@/lib/db";

export interface Readiness {
  ready: boolean;
  checks: {
    database: { ok: boolean; error?: string };
    migrations: { ok: boolean; pending?: string[]; error?: string };
    queue?: { ok: boolean; queued?: number; running?: number; expiredLeases?: number; error?: string };
  };
}

function expectedMigrations(): string[] {
  const dir = path.join(process.cwd(), "prisma/migrations");
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

export async function getReadiness(): Promise<Readiness> {
  let applied: string[];
  try {
    const { rows } = await pool().query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = rows.map((r) => r.migration_name);
  } catch (e) {
    const msg = (e as Error).message;
    const dbDown = !/_prisma_migrations/.test(msg);
    return {
      ready: false,
      checks: {
        database: dbDown ? { ok: false, error: "database unreachable" } : { ok: true },
        migrations: { ok: false, error: dbDown ? "unknown" : "no migrations applied" },
      },
    };
  }
  const pending = expectedMigrations().filter((m) => !applied.includes(m));
  const queue = pending.length ? undefined : await queueCheck();
  return {
    ready: pending.length === 0 && (queue?.ok ?? false),
    checks: { database: { ok: true }, migrations: pending.length ? { ok: false, pending } : { ok: true }, ...(queue && { queue }) },
  };
}

async function queueCheck(): Promise<NonNullable<Readiness["checks"]["queue"]>> {
  try {
    const { rows: [r] } = await pool().query(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'graphile_worker') AS "schema",
              count(*) FILTER (WHERE status = 'queued')::int AS queued,
              count(*) FILTER (WHERE status IN ('starting', 'running'))::int AS running,
              count(*) FILTER (WHERE status IN ('starting', 'running') AND "leaseExpiresAt" < now() - interval '1 minute')::int AS "expiredLeases"
         FROM provisioning_jobs`,
    );
    // without the schema no job can have been queued: the first worker (or trigger) creates it
    const ok = r.schema || r.queued + r.running === 0;
    return { ok, queued: r.queued, running: r.running, expiredLeases: r.expiredLeases, ...(ok ? {} : { error: "the queue schema is missing" }) };
  } catch (e) {
    return { ok: false, error: (e as Error).message.slice(0, 200) };
  }
}
