// Create a run; the same externalId in the same project returns the existing
// run instead of a second one (safe CI retries, concurrent posts included:
// the unique index decides, not a read-then-write race).
import { v7 as uuidv7 } from "uuid";
import type pg from "pg";
import { named, pool } from "@/lib/db";
import { type RunApiRow, getRunForApi, runFromRow, runJsonSelect } from "@/lib/queries/get-run-api";
import type { CreateRunInput } from "@/lib/schemas/run";
import { withTransaction } from "@/lib/services/sql";

export interface RunRow {
  id: string;
  projectId: string;
  mode: string;
  externalId: string | null;
  startedAt: Date;
}

// without a claimed start the request's time stands in, flagged, until phases or reports say when the run began
const INSERT_SQL = `
  INSERT INTO runs (id, "projectId", mode, "externalId", branch, "commitSha", "ciUrl", "runnerHost", labels, source, "startedAt",
                    "startedAtSource", "windowStart", "windowStartSource", "updatedAt")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::"RunTimeSource", $11, $12::"RunTimeSource", now())
  ON CONFLICT ("projectId", "externalId") DO NOTHING`;

function insertParams(projectId: string, input: CreateRunInput, source: string) {
  return [uuidv7(), projectId, input.mode, input.externalId ?? null, input.branch ?? null, input.commit?.toLowerCase() ?? null,
    input.ciUrl ?? null, input.runnerHost ?? null, JSON.stringify(input.labels ?? {}), source,
    input.startedAt ? new Date(input.startedAt) : new Date(), input.startedAt ? "claimed" : "request_time"];
}

export async function createRun(projectId: string, input: CreateRunInput, source = "api", outer?: pg.PoolClient) {
  return withTransaction(async (client) => {
    const { rows } = await client.query<RunRow>(`${INSERT_SQL} RETURNING id, "projectId", mode, "externalId", "startedAt"`, insertParams(projectId, input, source));
    if (rows[0]) return { run: rows[0], created: true };
    const existing = await client.query<RunRow>(
      `SELECT id, "projectId", mode, "externalId", "startedAt" FROM runs WHERE "projectId" = $1 AND "externalId" = $2`,
      [projectId, input.externalId],
    );
    return { run: existing.rows[0], created: false };
  }, outer);
}

/**
 * createRun for POST /api/v1/runs, answered with the run as the API shows it
 * (lib/queries/get-run-api.ts): the insert and the answer are one statement on
 * the pool, no transaction around it (issue #17: each round trip costs the web
 * process and PostgreSQL more CPU than the statement itself). A known
 * externalId reads the existing run in a second statement, which sees it: ON
 * CONFLICT waited for the transaction that inserted it.
 */
export async function createRunForApi(projectId: string, input: CreateRunInput) {
  const { rows } = await pool().query<RunApiRow>(named("run-create-answer", `WITH created AS (${INSERT_SQL} RETURNING *) ${runJsonSelect("created")}`, insertParams(projectId, input, "api")));
  if (rows[0]) return { run: runFromRow(rows[0]), created: true };
  const { rows: [existing] } = await pool().query<{ id: string }>(`SELECT id FROM runs WHERE "projectId" = $1 AND "externalId" = $2`, [projectId, input.externalId]);
  return { run: await getRunForApi(existing.id), created: false };
}
