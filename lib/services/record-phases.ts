// Record (or update, by name) a run's setup phases. Nested phases name their
// parent; one transaction, so a rejected payload stores nothing.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { named } from "@/lib/db";
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

/**
 * projectId: the caller's project (a token's); a run of another project answers 403. answer: also return the run as the API shows it.
 * summary false: the caller works out the run's status and durations once, after everything it stores in its
 * transaction (as ingestReport's option); setupOk and run are then not answered.
 */
export async function recordPhases(runId: string, phases: PhaseInput[], projectId?: string, outer?: pg.PoolClient, opts: { answer?: boolean; summary?: boolean } = {}) {
  return withTransaction(async (client) => {
    const run = await lockRun(client, runId);
    if (!run) throw new AppError("not_found", `Run ${runId} does not exist`);
    if (projectId && run.projectId !== projectId) throw new AppError("forbidden", "This run belongs to another project");
    // the project's phase mapping and the run's phases so far, in one round trip (after the lock: no concurrent post in between)
    const { rows: [read] } = await client.query<{ mapping: Record<string, string> | null; current: { id: string; name: string; position: number }[] }>(named("phases-read",
      `SELECT (SELECT "phaseMapping" FROM projects WHERE id = $2) AS mapping,
              (SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'position', position)), '[]') FROM phases WHERE "runId" = $1) AS current`,
      [runId, run.projectId],
    ));
    const mapping = read.mapping ?? null;
    const current = read.current;
    const ids = new Map<string, string>(current.map((r) => [r.name, r.id]));
    let position = current.reduce((m, r) => Math.max(m, r.position + 1), 0);
    // one statement for every phase (issue #17: a round trip costs more CPU than an upsert): ids and
    // positions are known here, the run's lock keeps other posts out; a new phase's position follows
    // parents-first order, an existing one keeps its id and position. Parents inserted by the same
    // statement satisfy the parent key: foreign keys are checked at its end.
    const rows = orderByParent(phases, new Set(ids.keys())).map((p) => {
      const known = ids.get(p.name);
      const id = known ?? randomUUID();
      ids.set(p.name, id);
      const end = phaseEndMs(p);
      const startMs = Date.parse(p.startedAt);
      return { p, id, position: known ? 0 : position++, startMs, end };
    });
    await client.query(named("phases-upsert",
      `INSERT INTO phases (id, "runId", name, "canonicalName", "parentId", "group", status, "startedAt", "finishedAt", "durationMs", attributes, position)
       SELECT x.id, $1, x.name, x.canonical, x.parent, x.grp, x.status::"PhaseStatus", x.started, x.finished, x.duration, x.attributes::jsonb, x.position
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamp(3)[], $9::timestamp(3)[], $10::int[], $11::text[], $12::int[])
              AS x(id, name, canonical, parent, grp, status, started, finished, duration, attributes, position)
       ON CONFLICT ("runId", name) DO UPDATE SET "canonicalName" = EXCLUDED."canonicalName", "parentId" = EXCLUDED."parentId",
         "group" = EXCLUDED."group", status = EXCLUDED.status, "startedAt" = EXCLUDED."startedAt",
         "finishedAt" = EXCLUDED."finishedAt", "durationMs" = EXCLUDED."durationMs", attributes = EXCLUDED.attributes`,
      [
        runId,
        rows.map((r) => r.id),
        rows.map((r) => r.p.name),
        rows.map((r) => mapping?.[r.p.name] ?? null),
        rows.map((r) => (r.p.parent ? ids.get(r.p.parent)! : null)),
        rows.map((r) => r.p.group ?? null),
        rows.map((r) => r.p.status),
        rows.map((r) => new Date(r.startMs)),
        rows.map((r) => (r.end === null ? null : new Date(r.end))),
        rows.map((r) => (r.end === null ? null : r.end - r.startMs)),
        rows.map((r) => JSON.stringify(r.p.attributes ?? {})),
        rows.map((r) => r.position),
      ],
    ));
    const verdict = opts.summary === false ? undefined : await refreshRunSummary(client, runId, opts);
    return { phases: phases.length, setupOk: verdict?.setupOk ?? null, run: verdict?.run };
  }, outer);
}
