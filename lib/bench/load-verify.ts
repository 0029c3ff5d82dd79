// After a load run: compare the database with what the simulated CI jobs were
// told was stored. Returns the discrepancies (empty: no lost or duplicated runs,
// every run has all its results and is finished). A run whose upload or finish
// was refused (a request error, already counted) is reported apart from a run
// whose upload was acknowledged but is not in the database (lost data):
// `lost` breaks the contract with the client, `incomplete` follows from errors.
import type pg from "pg";

export interface SentProject {
  slug: string;
  /** runs whose creation answered 201, by id, with the externalId sent */
  created: Map<string, string>;
  /** runs whose JUnit upload answered 2xx */
  junitOk: Set<string>;
  /** runs whose finish answered 2xx */
  finishOk: Set<string>;
}

export async function verifyLoad(client: pg.Client, projects: SentProject[], casesPerRun: number): Promise<{ lost: string[]; incomplete: string[] }> {
  const problems: string[] = [];
  const incomplete: string[] = [];
  const list = (xs: string[]) => xs.slice(0, 3).join(", ") + (xs.length > 3 ? ` (+${xs.length - 3} more)` : "");
  for (const p of projects) {
    const { rows } = await client.query<{ id: string; externalId: string | null; testsTotal: number; finished: boolean; status: string; results: number }>(
      `SELECT r.id, r."externalId", r."testsTotal", r."finishedAt" IS NOT NULL AS finished, r.status,
              (SELECT count(*)::int FROM test_results t WHERE t."runId" = r.id) AS results
         FROM runs r JOIN projects pr ON pr.id = r."projectId" WHERE pr.slug = $1`,
      [p.slug],
    );
    const inDb = new Map(rows.map((r) => [r.id, r]));
    if (rows.length !== p.created.size) problems.push(`${p.slug}: ${rows.length} runs stored, ${p.created.size} creations answered 201`);
    const lost = [...p.created.keys()].filter((id) => !inDb.has(id));
    if (lost.length) problems.push(`${p.slug}: LOST ${lost.length} created runs: ${list(lost)}`);
    const extra = rows.filter((r) => !p.created.has(r.id)).map((r) => r.id);
    if (extra.length) problems.push(`${p.slug}: ${extra.length} runs nobody was told about: ${list(extra)}`);
    const seen = new Map<string, number>();
    for (const r of rows) seen.set(r.externalId ?? "(none)", (seen.get(r.externalId ?? "(none)") ?? 0) + 1);
    const dup = [...seen].filter(([, n]) => n > 1).map(([x, n]) => `${x} x${n}`);
    if (dup.length) problems.push(`${p.slug}: duplicated externalId: ${list(dup)}`);
    const wrongId = rows.filter((r) => p.created.has(r.id) && p.created.get(r.id) !== r.externalId).map((r) => r.id);
    if (wrongId.length) problems.push(`${p.slug}: ${wrongId.length} runs with another externalId than sent: ${list(wrongId)}`);

    const badTotal = rows.filter((r) => r.testsTotal !== casesPerRun);
    const lostResults = badTotal.filter((r) => p.junitOk.has(r.id)).map((r) => `${r.id} (${r.testsTotal})`);
    if (lostResults.length) problems.push(`${p.slug}: LOST results: ${lostResults.length} runs acknowledged their upload but have testsTotal != ${casesPerRun}: ${list(lostResults)}`);
    const refused = badTotal.filter((r) => !p.junitOk.has(r.id)).map((r) => `${r.id} (${r.testsTotal})`);
    if (refused.length) incomplete.push(`${p.slug}: ${refused.length} runs without their ${casesPerRun} results because the upload request failed: ${list(refused)}`);
    const badResults = rows.filter((r) => r.results !== r.testsTotal).map((r) => `${r.id} (${r.results} rows, testsTotal ${r.testsTotal})`);
    if (badResults.length) problems.push(`${p.slug}: ${badResults.length} runs whose result rows disagree with testsTotal: ${list(badResults)}`);
    const results = rows.reduce((n, r) => n + r.results, 0);
    if (results !== rows.length * casesPerRun) (refused.length && !lostResults.length ? incomplete : problems).push(`${p.slug}: ${results} result rows, expected ${rows.length} runs x ${casesPerRun} = ${rows.length * casesPerRun}`);

    const open = rows.filter((r) => !r.finished || r.status === "running");
    const lostFinish = open.filter((r) => p.finishOk.has(r.id)).map((r) => r.id);
    if (lostFinish.length) problems.push(`${p.slug}: LOST finish: ${lostFinish.length} runs acknowledged their finish but are open: ${list(lostFinish)}`);
    const notFinished = open.filter((r) => !p.finishOk.has(r.id)).map((r) => r.id);
    if (notFinished.length) incomplete.push(`${p.slug}: ${notFinished.length} runs not finished because a request of their job failed: ${list(notFinished)}`);
  }
  return { lost: problems, incomplete };
}
