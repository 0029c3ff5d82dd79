// Failure signature ids for a batch of results (lib/services/result-writer.ts),
// creating the signatures not seen before in the project.
import type pg from "pg";
import { pool } from "@/lib/db";
import { log } from "@/lib/log";
import { afterCommit, pgText } from "@/lib/services/sql";

/**
 * Signature ids by hash, creating the new ones. No row locks on signatures that
 * exist (DO NOTHING, then a plain read), and new ones are inserted in hash
 * order: concurrent uploads to one project neither deadlock nor queue behind
 * each other here. lastSeenAt is touched after commit, outside the upload.
 */
export async function upsertSignatures(client: pg.PoolClient, projectId: string, texts: Map<string, string>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const hashes = [...texts.keys()].sort();
  // stale: lastSeenAt (minute resolution) is due; a suite's failures repeat across uploads, and most
  // uploads then skip the touch below, a round trip each (issue #17)
  const { rows: existing } = await client.query(
    `SELECT id, hash, "lastSeenAt" < now() - interval '1 minute' AS stale FROM failure_signatures WHERE "projectId" = $1 AND hash = ANY($2::text[])`,
    [projectId, hashes],
  );
  for (const r of existing) ids.set(r.hash, r.id);
  const missing = hashes.filter((h) => !ids.has(h));
  if (missing.length) {
    await client.query(
      `INSERT INTO failure_signatures (id, "projectId", hash, text)
       SELECT gen_random_uuid(), $1, h, t FROM unnest($2::text[], $3::text[]) AS x(h, t) ORDER BY h
       ON CONFLICT ("projectId", hash) DO NOTHING`,
      [projectId, missing, missing.map((h) => pgText(texts.get(h))!)],
    );
    const { rows } = await client.query(`SELECT id, hash FROM failure_signatures WHERE "projectId" = $1 AND hash = ANY($2::text[])`, [projectId, missing]);
    for (const r of rows) ids.set(r.hash, r.id);
  }
  const seen = existing.filter((r) => r.stale).map((r) => r.id as string);
  if (seen.length) {
    afterCommit(client, () => {
      pool()
        .query(`UPDATE failure_signatures SET "lastSeenAt" = now() WHERE id = ANY($1::uuid[]) AND "lastSeenAt" < now() - interval '1 minute'`, [seen])
        .catch((e) => log().warn({ err: { message: String(e?.message ?? e) } }, "updating failure signatures' lastSeenAt failed"));
    });
  }
  return ids;
}
