// Record (or update, by name) a run's setup phases. Nested phases name their
// parent; one transaction, so a rejected payload stores nothing.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { AppError } from "@/lib/errors";
import { type PhaseInput, phaseEndMs } from "@/lib/schemas/phases";
import { lockRun, refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { withTransaction } from "@/lib/services/sql";

/** Order phases so every parent comes before its children; throws on cycles and unknown parents. */
function orderByParent(phases: PhaseInput[], existing: Set<string>): PhaseInput[] {
  const byName = new Map(phases.map((p) => [p.name, p]));
  const out: PhaseInput[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (p: PhaseInput, i: number) => {
    if (state.get(p.name) === "done") return;
    if (state.get(p.name) === "visiting") {
      throw new AppError("validation_failed", "Invalid phases", [{ path: `phases.${i}.parent`, message: `cycle through "${p.name}"` }]);
    }
    state.set(p.name, "visiting");
    if (p.parent) {
      const parent = byName.get(p.parent);
      if (parent) visit(parent, phases.indexOf(parent));
      else if (!existing.has(p.parent)) {
        throw new AppError("validation_failed", "Invalid phases", [{ path: `phases.${i}.parent`, message: `unknown parent phase "${p.parent}"` }]);
      }
    }
    state.set(p.name, "done");
    out.push(p);
  };
  phases.forEach(visit);
  return out;
}

/** projectId: the caller's project (a token's); a run of another project answers 403. */
export async function recordPhases(runId: string, phases: PhaseInput[], projectId?: string, outer?: pg.PoolClient) {
  return withTransaction(async (client) => {
    const run = await lockRun(client, runId);
    if (!run) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (projectId && run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
    // the project's phase mapping and the run's phases so far, in one round trip (after the lock: no concurrent post in between)
    const { rows: [read] } = await client.query<{ mapping: Record<string, string> | null; current: { id: string; name: string; position: number }[] }>(
      `SELECT (SELECT "phaseMapping" FROM projects WHERE id = $2) AS mapping,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'position', position)), '[]') FROM phases WHERE "runId" = $1) AS current`,
      [runId, run.projectId],
    );
    const mapping = read.mapping ?? null;
    const current = read.current;
    const ids = new Map<string, string>(current.map((r) => [r.name, r.id]));
    let position = current.reduce((m, r) => Math.max(m, r.position + 1), 0);
    for (const p of orderByParent(phases, new Set(ids.keys()))) {
      const end = phaseEndMs(p);
      const startMs = Date.parse(p.startedAt);
      const values = [
        ids.get(p.name) ?? randomUUID(),
        runId,
        p.name,
        mapping?.[p.name] ?? null,
        p.parent ? ids.get(p.parent)! : null,
        p.group ?? null,
        p.status,
        new Date(startMs),
        end === null ? null : new Date(end),
        end === null ? null : end - startMs,
        JSON.stringify(p.attributes ?? {}),
        position,
      ];
      const { rows } = await client.query(
        `INSERT INTO phases (id, "runId", name, "canonicalName", "parentId", "group", status, "startedAt", "finishedAt", "durationMs", attributes, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7::"PhaseStatus", $8, $9, $10, $11::jsonb, $12)
         ON CONFLICT ("runId", name) DO UPDATE SET "canonicalName" = EXCLUDED."canonicalName", "parentId" = EXCLUDED."parentId",
           "group" = EXCLUDED."group", status = EXCLUDED.status, "startedAt" = EXCLUDED."startedAt",
           "finishedAt" = EXCLUDED."finishedAt", "durationMs" = EXCLUDED."durationMs", attributes = EXCLUDED.attributes
         RETURNING id, (xmax = 0) AS inserted`,
        values,
      );
      ids.set(p.name, rows[0].id);
      if (rows[0].inserted) position++;
    }
    const verdict = await refreshRunSummary(client, runId);
    return { phases: phases.length, setupOk: verdict?.setupOk ?? null };
  }, outer);
}
