// Resolve a report's specs to test_cases rows (identity hash -> id), creating
// the new ones. Set-based: the report's identities go into a temporary table
// by COPY, one join finds the known specs, one INSERT ... SELECT adds the rest.
import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import type { ParsedTestCase } from "@/lib/ingest/report-types";
import { type RequirementPattern, extractIds } from "@/lib/ingest/requirement-ids";
import { copyArray, copyLines, copyValue } from "@/lib/services/sql";

export function caseIdentity(c: Pick<ParsedTestCase, "suite" | "classname" | "name">): string {
  return createHash("sha256").update(`${c.suite}\u0000${c.classname}\u0000${c.name}`).digest("hex");
}

/** Returns the identity hash of every case (same order) and a hash -> test case id map. */
export async function upsertTestCases(
  client: pg.PoolClient,
  projectId: string,
  cases: readonly ParsedTestCase[],
  pattern: RequirementPattern | undefined,
): Promise<{ hashes: string[]; ids: Map<string, string> }> {
  const hashes = cases.map(caseIdentity);
  const firstIndex = new Map<string, number>();
  hashes.forEach((h, i) => firstIndex.has(h) || firstIndex.set(h, i));

  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ingest_hashes (hash text PRIMARY KEY) ON COMMIT DELETE ROWS`);
  await client.query(`TRUNCATE ingest_hashes`);
  await copyLines(client, `COPY ingest_hashes (hash) FROM STDIN`, [...firstIndex.keys()].map((h) => h + "\n"));
  const ids = new Map<string, string>();
  const known = await client.query(
    `SELECT tc.id, tc."identityHash" FROM ingest_hashes h JOIN test_cases tc ON tc."projectId" = $1 AND tc."identityHash" = h.hash`,
    [projectId],
  );
  for (const r of known.rows) ids.set(r.identityHash, r.id);

  const missing = [...firstIndex.keys()].filter((h) => !ids.has(h));
  if (missing.length) {
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS ingest_cases (id uuid, hash text, suite text, classname text, name text, file text,
         req text[], tid text[]) ON COMMIT DELETE ROWS`,
    );
    await client.query(`TRUNCATE ingest_cases`);
    const lines = missing.map((h) => {
      const c = cases[firstIndex.get(h)!];
      const found = extractIds([c.name, c.classname, c.suite, ...Object.values(c.properties)], pattern);
      return [randomUUID(), h, c.suite, c.classname, c.name, c.file ?? null, copyArray(found.requirementIds), copyArray(found.testIds)]
        .map(copyValue).join("\t") + "\n";
    });
    await copyLines(client, `COPY ingest_cases FROM STDIN`, lines);
    const inserted = await client.query(
      `INSERT INTO test_cases (id, "projectId", "identityHash", suite, classname, name, file, "requirementIds", "testIds")
       SELECT id, $1, hash, suite, classname, name, file, req, tid FROM ingest_cases
       ON CONFLICT ("projectId", "identityHash") DO NOTHING
       RETURNING id, "identityHash"`,
      [projectId],
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
  return { hashes, ids };
}
