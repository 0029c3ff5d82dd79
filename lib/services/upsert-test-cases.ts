// Resolve a report's specs to test_cases rows (identity hash -> id), creating
// the new ones. Set-based: one hash join finds the known specs, the new ones go
// into a temporary table by COPY and one INSERT ... SELECT adds them.
import { hash } from "node:crypto";
import type pg from "pg";
import { v7 as uuidv7 } from "uuid";
import type { ParsedTestCase } from "@/lib/ingest/report-types";
import { type RequirementPattern, extractIds } from "@/lib/ingest/requirement-ids";
import { cachedSpecId } from "@/lib/services/spec-identity-cache";
import { copyArray, copyLines, copyValue } from "@/lib/services/sql";

export function caseIdentity(c: Pick<ParsedTestCase, "suite" | "classname" | "name">): string {
  return hash("sha256", `${c.suite}\u0000${c.classname}\u0000${c.name}`);
}

/**
 * Returns the identity hash of every case (same order) and a hash -> test case id map.
 * Ids come from the in-process cache where known (see spec-identity-cache.ts);
 * the caller remembers the map after its transaction commits.
 */
export async function upsertTestCases(
  client: pg.PoolClient,
  projectId: string,
  cases: readonly ParsedTestCase[],
  pattern: RequirementPattern | undefined,
): Promise<{ hashes: string[]; ids: Map<string, string> }> {
  const hashes = cases.map(caseIdentity);
  const ids = new Map<string, string>();
  const unknown = new Map<string, ParsedTestCase>();
  hashes.forEach((h, i) => {
    if (ids.has(h) || unknown.has(h)) return;
    const id = cachedSpecId(projectId, h);
    if (id) ids.set(h, id);
    else unknown.set(h, cases[i]);
  });
  if (unknown.size) for (const [h, id] of await resolveSpecs(client, projectId, unknown, pattern)) ids.set(h, id);
  return { hashes, ids };
}

/**
 * Ids of specs not in the cache (identity hash -> first case with it): one
 * hash join finds the known ones, the rest are created. Returns hash -> id for all.
 */
export async function resolveSpecs(
  client: pg.PoolClient,
  projectId: string,
  specs: ReadonlyMap<string, ParsedTestCase>,
  pattern: RequirementPattern | undefined,
  /** the start of the run that showed them (not the upload time) */
  firstSeenAt?: Date,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const unknown = [...specs.keys()];
  if (!unknown.length) return ids;
  // One array parameter and a hash join: with thousands of keys, per-key index probes
  // (the planner's guess for an unnest) cost far more than one scan of the project's specs.
  // Rows come back as [ordinal, id] arrays: no hash text, no row objects.
  await client.query("SET LOCAL enable_nestloop = off");
  const known = await client.query<[string, string]>({
    text: `SELECT h.i, tc.id FROM unnest($2::text[]) WITH ORDINALITY AS h(hash, i)
           JOIN test_cases tc ON tc."projectId" = $1 AND tc."identityHash" = h.hash`,
    values: [projectId, unknown],
    rowMode: "array",
  });
  await client.query("SET LOCAL enable_nestloop = on");
  for (const [i, id] of known.rows) ids.set(unknown[Number(i) - 1], id);

  const missing = unknown.filter((h) => !ids.has(h));
  if (missing.length) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ingest_cases (id uuid, hash text, suite text, classname text, name text, file text,
         req text[], tid text[]) ON COMMIT DELETE ROWS`,
    );
    await client.query(`TRUNCATE ingest_cases`);
    const lines = missing.map((h) => {
      const c = specs.get(h)!;
      const found = extractIds([c.name, c.classname, c.suite, ...Object.values(c.properties)], pattern);
      // time-ordered ids keep the results' (testCaseId, runStartedAt) index inserts local
      return [uuidv7(), h, c.suite, c.classname, c.name, c.file ?? null, copyArray(found.requirementIds), copyArray(found.testIds)]
        .map(copyValue).join("\t") + "\n";
    });
    await copyLines(client, `COPY ingest_cases FROM STDIN`, lines);
    const inserted = await client.query(
      `INSERT INTO test_cases (id, "projectId", "identityHash", suite, classname, name, file, "requirementIds", "testIds", "firstSeenAt")
       SELECT id, $1, hash, suite, classname, name, file, req, tid, coalesce($2::timestamp, now()) FROM ingest_cases
       ORDER BY hash -- one order for every upload: concurrent first uploads wait, never deadlock
       ON CONFLICT ("projectId", "identityHash") DO NOTHING
       RETURNING id, "identityHash"`,
      [projectId, firstSeenAt ?? null],
    );
    for (const r of inserted.rows) ids.set(r.identityHash, r.id);
    if (inserted.rowCount !== missing.length) {
      // a concurrent ingest created some of them first: read those back
      const again = await client.query(
        `SELECT id, "identityHash" FROM test_cases WHERE "projectId" = $1 AND "identityHash" = ANY($2::text[])`,
        [projectId, missing.filter((h) => !ids.has(h))],
      );
      for (const r of again.rows) ids.set(r.identityHash, r.id);
    }
  }
  return ids;
}
