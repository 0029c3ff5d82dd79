// Regroups stored failures after the normalization changed (SIGNATURE_VERSION
// in lib/analysis/failure-signature.ts): every signature whose hash lacks the
// current version prefix is recomputed from its results' messages. Results are
// repointed, the old signatures that now read the same merge into one (first
// and last seen spanning them all), triage items follow their spec's latest
// failure, and the old rows go. Triage items are one per spec, so none merge;
// the "same failure signature" history of the suggestion rules merges with
// the signatures. Runs at start (lib/ops/start.ts) and after `db:migrate`, in
// one transaction; with nothing stale it is one indexed query.
import type pg from "pg";
import { pool } from "@/lib/db";
import { SIGNATURE_VERSION, failureSignature } from "@/lib/analysis/failure-signature";
import { pgText } from "@/lib/services/sql";

export interface RecomputeSummary {
  /** signatures of an older normalization */
  stale: number;
  /** signatures they became */
  current: number;
  /** results repointed */
  results: number;
  triageItems: number;
}

const CURRENT = `${SIGNATURE_VERSION}:%`;

export async function recomputeSignatures(): Promise<RecomputeSummary> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    // one recompute at a time (two processes starting together)
    await client.query("SELECT pg_advisory_xact_lock(hashtext('runboard:recompute-signatures'))");
    const summary = await recompute(client);
    await client.query("COMMIT");
    return summary;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

interface Source {
  projectId: string;
  oldId: string;
  message: string | null;
  details: string | null;
}

async function recompute(client: pg.PoolClient): Promise<RecomputeSummary> {
  const { rows: stale } = await client.query<{ id: string }>(`SELECT id FROM failure_signatures WHERE hash NOT LIKE $1`, [CURRENT]);
  if (!stale.length) return { stale: 0, current: 0, results: 0, triageItems: 0 };
  const staleIds = stale.map((s) => s.id);
  // the signature reads the first 4,000 characters of the message or details; distinct texts, not rows
  const { rows: sources } = await client.query<Source>(
    `SELECT DISTINCT fs."projectId", r."signatureId" AS "oldId", left(r.message, 4000) AS message, left(r.details, 4000) AS details
       FROM test_results r JOIN failure_signatures fs ON fs.id = r."signatureId"
      WHERE r."signatureId" = ANY($1::uuid[])`,
    [staleIds],
  );
  const newIds = await upsertCurrent(client, sources);
  const results = await repointResults(client, sources, newIds);
  const { rowCount: triageItems } = await client.query(
    `UPDATE triage_items t SET "signatureId" = (
        SELECT r."signatureId" FROM test_results r
         WHERE r."testCaseId" = t."testCaseId" AND r.status IN ('failed', 'errored') AND r."signatureId" IS NOT NULL
         ORDER BY r."runStartedAt" DESC, r.id DESC LIMIT 1)
      WHERE t."signatureId" = ANY($1::uuid[])`,
    [staleIds],
  );
  await client.query(`DELETE FROM failure_signatures WHERE id = ANY($1::uuid[])`, [staleIds]);
  return { stale: staleIds.length, current: new Set(newIds.values()).size, results, triageItems: triageItems ?? 0 };
}

const sourceKey = (s: Source) => `${s.oldId}\u0000${s.message ?? "\u0001"}\u0000${s.details ?? "\u0001"}`;

/** The current signature of each source, created where missing, seen from the earliest to the latest of the old ones. */
async function upsertCurrent(client: pg.PoolClient, sources: Source[]): Promise<Map<string, string>> {
  const bySig = new Map<string, { projectId: string; hash: string; text: string; oldIds: Set<string> }>();
  const hashOf = new Map<string, string>();
  for (const s of sources) {
    const f = failureSignature(s.message, s.details);
    const k = `${s.projectId}\u0000${f.hash}`;
    hashOf.set(sourceKey(s), k);
    const entry = bySig.get(k) ?? { projectId: s.projectId, hash: f.hash, text: pgText(f.signature)!, oldIds: new Set<string>() };
    entry.oldIds.add(s.oldId);
    bySig.set(k, entry);
  }
  const entries = [...bySig.values()];
  const { rows } = await client.query<{ id: string; projectId: string; hash: string }>(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x("projectId", hash, text, old)
     ), seen AS (
       SELECT i."projectId", i.hash, i.text, min(fs."firstSeenAt") AS first, max(fs."lastSeenAt") AS last
         FROM input i JOIN failure_signatures fs ON fs.id = ANY(string_to_array(i.old, ',')::uuid[])
        GROUP BY 1, 2, 3
     )
     INSERT INTO failure_signatures (id, "projectId", hash, text, "firstSeenAt", "lastSeenAt")
     SELECT gen_random_uuid(), "projectId", hash, text, first, last FROM seen ORDER BY hash
     ON CONFLICT ("projectId", hash) DO UPDATE
       SET "firstSeenAt" = least(failure_signatures."firstSeenAt", excluded."firstSeenAt"),
           "lastSeenAt" = greatest(failure_signatures."lastSeenAt", excluded."lastSeenAt")
     RETURNING id, "projectId", hash`,
    [entries.map((e) => e.projectId), entries.map((e) => e.hash), entries.map((e) => e.text), entries.map((e) => [...e.oldIds].join(","))],
  );
  const idOf = new Map(rows.map((r) => [`${r.projectId}\u0000${r.hash}`, r.id]));
  return new Map([...hashOf].map(([src, k]) => [src, idOf.get(k)!]));
}

/** Repoints results: by old id where all of an old signature's texts agree, else by old id and text. */
async function repointResults(client: pg.PoolClient, sources: Source[], newIds: Map<string, string>): Promise<number> {
  const targets = new Map<string, Set<string>>();
  for (const s of sources) targets.set(s.oldId, (targets.get(s.oldId) ?? new Set()).add(newIds.get(sourceKey(s))!));
  const whole = [...targets].filter(([, t]) => t.size === 1);
  let n = 0;
  if (whole.length) {
    const r = await client.query(
      `UPDATE test_results r SET "signatureId" = m.new FROM unnest($1::uuid[], $2::uuid[]) AS m(old, new) WHERE r."signatureId" = m.old`,
      [whole.map(([old]) => old), whole.map(([, t]) => [...t][0])],
    );
    n += r.rowCount ?? 0;
  }
  const split = sources.filter((s) => targets.get(s.oldId)!.size > 1);
  if (split.length) {
    const r = await client.query(
      `UPDATE test_results r SET "signatureId" = m.new
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS m(old, message, details, new)
        WHERE r."signatureId" = m.old AND left(r.message, 4000) IS NOT DISTINCT FROM m.message
          AND left(r.details, 4000) IS NOT DISTINCT FROM m.details`,
      [split.map((s) => s.oldId), split.map((s) => s.message), split.map((s) => s.details), split.map((s) => newIds.get(sourceKey(s))!)],
    );
    n += r.rowCount ?? 0;
  }
  return n;
}
