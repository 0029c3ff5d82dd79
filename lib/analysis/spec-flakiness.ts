// Flakiness of one spec over its recent results: it passed and failed on the
// same commit (the code did not change, the outcome did), or a report marked
// it flaky / retried it. Pure: the page passes the results it shows.
export interface FlakinessInput {
  status: string;
  commitSha: string | null;
  flaky: boolean;
  retries: number;
}

export interface Flakiness {
  flaky: boolean;
  /** commits on which the spec both passed and failed */
  mixedCommits: string[];
  /** results the report marked flaky or retried */
  retriedResults: number;
  /** results considered: everything passed in */
  considered: number;
}

const FAILED = new Set(["failed", "errored"]);

export function assessFlakiness(results: readonly FlakinessInput[]): Flakiness {
  const byCommit = new Map<string, { passed: boolean; failed: boolean }>();
  let retriedResults = 0;
  for (const r of results) {
    if (r.flaky || r.retries > 0) retriedResults++;
    if (!r.commitSha) continue;
    const seen = byCommit.get(r.commitSha) ?? { passed: false, failed: false };
    if (r.status === "passed") seen.passed = true;
    if (FAILED.has(r.status)) seen.failed = true;
    byCommit.set(r.commitSha, seen);
  }
  const mixedCommits = [...byCommit].filter(([, s]) => s.passed && s.failed).map(([c]) => c);
  return { flaky: mixedCommits.length > 0 || retriedResults > 0, mixedCommits, retriedResults, considered: results.length };
}
