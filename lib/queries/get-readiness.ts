// Readiness: the database answers and every migration in prisma/migrations is applied.
import fs from "node:fs";
import path from "node:path";
import { pool } from "@/lib/db";

export interface Readiness {
  ready: boolean;
  checks: { database: { ok: boolean; error?: string }; migrations: { ok: boolean; pending?: string[]; error?: string } };
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
  return {
    ready: pending.length === 0,
    checks: { database: { ok: true }, migrations: pending.length ? { ok: false, pending } : { ok: true } },
  };
}
