// Stored failures regrouped after the normalization changed: signatures of an
// older version (here one per raw message, as badly split as the old masking
// left the demo's "Test 09") merge into the current ones, and results and
// triage items follow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb, pool } from "@/lib/db";
import { SIGNATURE_VERSION } from "@/lib/analysis/failure-signature";
import { renderGinkgoJunit } from "@/lib/demo/render-junit";
import { GATEWAY_SPECS, SUITE_NAME } from "@/lib/demo/gateway-specs";
import { parseReport } from "@/lib/ingest/parse-report";
import { findRunFailureGroups } from "@/lib/queries/find-run-failure-groups";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { recomputeSignatures } from "@/lib/services/recompute-signatures";

const slug = `regroup-${Date.now().toString(36)}`;
const TEST_09 = GATEWAY_SPECS.findIndex((s) => s.text.startsWith("Test 09"));
const SAME_AS_09 = GATEWAY_SPECS.findIndex((s, i) => i !== TEST_09 && s.failure && s.failure.message(1) === GATEWAY_SPECS[TEST_09].failure!.message(1));
const runIds: string[] = [];
let projectId: string;

beforeAll(async () => {
  projectId = (await ensureProject(slug)).project.id;
  // request ids are req-<hex of n*7919>: four to eight characters, some all digits, some not
  for (const [k, n] of [1, 49, 50601].entries()) {
    const { run } = await createRun(projectId, { project: slug, mode: "parallel", externalId: `r${k}`, startedAt: new Date(Date.UTC(2026, 0, 10 + k)).toISOString() });
    const outcomes = GATEWAY_SPECS.map((spec, i) => (spec.failure ? { spec, status: "failed" as const, ms: 1000, message: spec.failure.message(n + i) } : { spec, status: "skipped" as const, ms: 0 }));
    const raw = new TextEncoder().encode(renderGinkgoJunit(SUITE_NAME, outcomes, 20_000).text);
    await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
    runIds.push(run.id);
  }
  // what an older normalization left: one signature per raw message
  await pool().query(
    `WITH legacy AS (
       INSERT INTO failure_signatures (id, "projectId", hash, text, "firstSeenAt", "lastSeenAt")
       SELECT gen_random_uuid(), $1, md5(m), left(m, 200), '2025-06-01', '2025-07-01'
         FROM (SELECT DISTINCT coalesce(r.message, '') AS m FROM test_results r WHERE r."runId" = ANY($2::uuid[]) AND r.status = 'failed') x
       RETURNING id, hash)
     UPDATE test_results r SET "signatureId" = legacy.id FROM legacy WHERE r."runId" = ANY($2::uuid[]) AND md5(coalesce(r.message, '')) = legacy.hash`,
    [projectId, runIds],
  );
  await pool().query(`DELETE FROM failure_signatures WHERE "projectId" = $1 AND hash LIKE $2`, [projectId, `${SIGNATURE_VERSION}:%`]);
  await pool().query(
    `UPDATE triage_items t SET "signatureId" = (SELECT r."signatureId" FROM test_results r WHERE r."testCaseId" = t."testCaseId" ORDER BY r."runStartedAt" LIMIT 1)
      WHERE t."projectId" = $1`,
    [projectId],
  );
});
afterAll(() => disconnectDb());

const signaturesOf = async (specIndex: number) => {
  const { rows } = await pool().query<{ sig: string }>(
    `SELECT DISTINCT r."signatureId" AS sig FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId"
      WHERE tc."projectId" = $1 AND tc.name = $2 AND r.status = 'failed'`,
    [projectId, `[It] ${GATEWAY_SPECS[specIndex].text}`],
  );
  return rows.map((r) => r.sig);
};

describe("recomputeSignatures", () => {
  it("merges the old split signatures into one per failure, keeping when they were first and last seen", async () => {
    expect(SAME_AS_09).toBeGreaterThanOrEqual(0);
    expect(await signaturesOf(TEST_09)).toHaveLength(3);
    const before = (await findRunFailureGroups(runIds[2])).groupCount;
    expect(before).toBe(16);

    // an old signature that had lumped two different failures together is split again
    const [a, b] = GATEWAY_SPECS.flatMap((spec, i) => (spec.failure && i !== TEST_09 && i !== SAME_AS_09 ? [i] : [])).slice(0, 2);
    await pool().query(
      `UPDATE test_results r SET "signatureId" = (SELECT r2."signatureId" FROM test_results r2 JOIN test_cases tc ON tc.id = r2."testCaseId" WHERE r2."runId" = $1 AND tc.name = $3)
        FROM test_cases tc WHERE tc.id = r."testCaseId" AND r."runId" = $1 AND tc.name = $2`,
      [runIds[0], `[It] ${GATEWAY_SPECS[a].text}`, `[It] ${GATEWAY_SPECS[b].text}`],
    );
    expect((await findRunFailureGroups(runIds[0])).groupCount).toBe(15);

    const summary = await recomputeSignatures();
    expect(summary.stale).toBeGreaterThan(16);
    expect(summary.results).toBe(48);

    const sig09 = await signaturesOf(TEST_09);
    expect(sig09).toHaveLength(1);
    expect(await signaturesOf(SAME_AS_09)).toEqual(sig09);
    const merged = await db().failureSignature.findUniqueOrThrow({ where: { id: sig09[0] } });
    expect(merged.hash).toMatch(/^v2:[0-9a-f]{16}$/);
    expect(merged.text).toContain("POST /api/v1/signals/prometheus (request id req-<id>)");
    expect(merged.firstSeenAt.toISOString()).toBe("2025-06-01T00:00:00.000Z");
    expect(merged.lastSeenAt.toISOString()).toBe("2025-07-01T00:00:00.000Z");

    // the run page: the two specs with the same message are one group, 15 groups for 16 failures
    for (const runId of runIds) {
      const { groups, groupCount } = await findRunFailureGroups(runId);
      expect(groupCount).toBe(15);
      expect(groups).toHaveLength(15);
      expect(groups[0]).toMatchObject({ signatureId: sig09[0], count: 2 });
      expect(groups[0].specs.map((s) => s.name).sort()).toEqual([TEST_09, SAME_AS_09].map((i) => `[It] ${GATEWAY_SPECS[i].text}`).sort());
    }
    const [sigA, sigB] = [await signaturesOf(a), await signaturesOf(b)];
    expect([sigA.length, sigB.length]).toEqual([1, 1]);
    expect(sigA[0]).not.toBe(sigB[0]);
    expect(await db().failureSignature.count({ where: { projectId, NOT: { hash: { startsWith: `${SIGNATURE_VERSION}:` } } } })).toBe(0);
  });

  it("points each triage item at its spec's latest failure, and does nothing the second time", async () => {
    const { rows } = await pool().query<{ ok: boolean }>(
      `SELECT t."signatureId" = (SELECT r."signatureId" FROM test_results r WHERE r."testCaseId" = t."testCaseId" AND r.status = 'failed'
                                  ORDER BY r."runStartedAt" DESC LIMIT 1) AS ok
         FROM triage_items t WHERE t."projectId" = $1`,
      [projectId],
    );
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.ok)).toBe(true);
    expect(await recomputeSignatures()).toEqual({ stale: 0, current: 0, results: 0, triageItems: 0 });
  });

  it("suggests people's earlier choice for a new spec failing the same way, whatever its request id's alphabet", async () => {
    const category = await db().triageCategory.findFirstOrThrow({ where: { projectId, key: "test_data" } });
    await db().triageItem.updateMany({ where: { projectId, testCase: { name: `[It] ${GATEWAY_SPECS[TEST_09].text}` } }, data: { categoryId: category.id } });
    const spec = { ...GATEWAY_SPECS[TEST_09], text: "Test 99: Prometheus (BR-GATEWAY-024) should reject a signal without a name" };
    // n = 473: request id "req-392797", all digits, where Test 09's were hex with letters
    expect(spec.failure!.message(473)).toContain("req-392797");
    const { run } = await createRun(projectId, { project: slug, mode: "parallel", externalId: "r-new", startedAt: new Date(Date.UTC(2026, 0, 20)).toISOString() });
    const raw = new TextEncoder().encode(renderGinkgoJunit(SUITE_NAME, [{ spec, status: "failed", ms: 1000, message: spec.failure!.message(473) }], 1000).text);
    await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
    const item = await db().triageItem.findFirstOrThrow({ where: { projectId, testCase: { name: `[It] ${spec.text}` } }, include: { suggestedCategory: true } });
    expect(item.suggestedCategory?.key).toBe("test_data");
    expect(item.suggestionReason).toMatch(/^People chose .+ for this failure 1 of 1 time/);
  });
});
