// What each queued notification says, read from the database when the worker
// runs it (after the change committed). A finished run can give several
// messages: its new failures, its regressions, a setup-time regression, and a
// timing target that stopped holding; each is one message per run.
import type { NotifyPayload } from "@/lib/notifications/enqueue";
import type { Message, MessageItem, WebhookEvent } from "@/lib/notifications/events";
import { pool } from "@/lib/db";
import { env } from "@/lib/env";
import type { TargetHistory, TimingTarget } from "@/lib/analysis/timing/target-history";
import { getProjectTiming } from "@/lib/queries/get-project-timing";
import { type RunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";

export interface Outgoing {
  projectId: string;
  event: WebhookEvent;
  /** one message per webhook and key, however often the job runs */
  dedupKey: string;
  message: Message;
}

export function baseUrl(): string {
  return (env().RUNBOARD_BASE_URL ?? `http://localhost:${env().PORT}`).replace(/\/+$/, "");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const ITEM_SELECT = `SELECT t.id, tc.name AS spec, tc.classname, tc."requirementIds", sc.label AS suggested, fs.text AS signature,
                            coalesce(u.name, '@' || tm.slug) AS owner
                       FROM triage_items t JOIN test_cases tc ON tc.id = t."testCaseId"
                       LEFT JOIN triage_categories sc ON sc.id = t."suggestedCategoryId"
                       LEFT JOIN failure_signatures fs ON fs.id = t."signatureId"
                       LEFT JOIN users u ON u.id = t."assigneeId"
                       LEFT JOIN teams tm ON tm.id = t."ownerTeamId"`;

function toItem(r: Record<string, unknown>, regression: boolean): MessageItem {
  return {
    spec: String(r.spec), classname: String(r.classname), requirementIds: r.requirementIds as string[], suggestedCategory: (r.suggested as string) ?? null,
    signature: (r.signature as string) ?? null, owner: (r.owner as string) ?? null, regression, url: `${baseUrl()}/triage/${r.id}`,
  };
}

async function project(id: string) {
  const { rows } = await pool().query(`SELECT id, slug, name, "timingTarget", "timingTargetHeld" FROM projects WHERE id = $1`, [id]);
  return rows[0] as { id: string; slug: string; name: string; timingTarget: unknown; timingTargetHeld: boolean | null } | undefined;
}

/** Failures not already open before this run: items it created or reopened, and failure signatures it saw first. */
async function runFailures(run: RunKey, runCreatedAt: Date) {
  const { rows } = await pool().query(
    `${ITEM_SELECT}
      JOIN LATERAL (SELECT bool_or(e.kind = 'reopened') AS reopened FROM triage_events e
                     WHERE e."itemId" = t.id AND e."runId" = $1 AND e.kind IN ('created', 'reopened')) ev ON ev.reopened IS NOT NULL
      WHERE t."testCaseId" IN (SELECT "testCaseId" FROM test_results r WHERE ${runResultsWhere("r", 1)} AND r.status IN ('failed', 'errored'))
      ORDER BY tc.name`,
    runKeyParams(run),
  );
  const { rows: sigRows } = await pool().query(
    `SELECT DISTINCT ON (fs.id) fs.id AS "sigId", fs.text AS signature, t.id, tc.name AS spec, tc.classname, tc."requirementIds",
            sc.label AS suggested, coalesce(u.name, '@' || tm.slug) AS owner
       FROM test_results r JOIN failure_signatures fs ON fs.id = r."signatureId"
       JOIN test_cases tc ON tc.id = r."testCaseId" JOIN triage_items t ON t."testCaseId" = tc.id
       LEFT JOIN triage_categories sc ON sc.id = t."suggestedCategoryId"
       LEFT JOIN users u ON u.id = t."assigneeId" LEFT JOIN teams tm ON tm.id = t."ownerTeamId"
      WHERE ${runResultsWhere("r", 1)} AND r.status IN ('failed', 'errored') AND fs."firstSeenAt" >= $4 AND t.status <> 'muted'
      ORDER BY fs.id, tc.name`,
    [...runKeyParams(run), runCreatedAt],
  );
  const listed = new Set(rows.map((r) => r.id));
  const items = rows.map((r) => toItem(r, !!r.reopened));
  for (const s of sigRows) if (!listed.has(s.id)) items.push(toItem(s, false));
  return { items, newSignatures: sigRows.length, regressions: rows.filter((r) => r.reopened).map((r) => toItem(r, true)) };
}

function targetSummary(h: TargetHistory, t: TimingTarget): string {
  const last = h.points.at(-1)!;
  const range = last.ci ? `improvement [${last.ci[0].toFixed(1)} %, ${last.ci[1].toFixed(1)} %]` : "no interval";
  return `On the last ${h.window} runs per mode (n = ${last.n.baseline} ${t.baseline}, ${last.n.candidate} ${t.candidate}): ${range}, expected ${t.percent} %: ${h.current}`;
}

async function timingTargetBroken(p: NonNullable<Awaited<ReturnType<typeof project>>>, runId: string): Promise<Outgoing | null> {
  if (!p.timingTarget) return null;
  // the same verdict the timing page shows: verified only while the most recent window holds the target
  const timing = await getProjectTiming(p.slug, {});
  const history = timing.targetHistory;
  if (!history || history.current === "not enough data") return null;
  const held = history.current === "target met";
  if (held === p.timingTargetHeld) return null;
  await pool().query(`UPDATE projects SET "timingTargetHeld" = $2 WHERE id = $1`, [p.id, held]);
  if (held || p.timingTargetHeld === null) return null; // only a change from holding to missed is news
  const url = `${baseUrl()}/projects/${encodeURIComponent(p.slug)}/timing`;
  return {
    projectId: p.id, event: "timing.target_missed", dedupKey: `timing.target_missed:${runId}`,
    message: { event: "timing.target_missed", project: { slug: p.slug, name: p.name }, title: `${p.name}: the timing target no longer holds`, summary: targetSummary(history, timing.target!), url, data: { runId } },
  };
}

export async function collectRunFinished(runId: string): Promise<Outgoing[]> {
  const { rows } = await pool().query(
    `SELECT id, "projectId", mode, branch, "commitSha", status::text AS status, "setupRegression", "setupDurationMs", "createdAt",
            "startedAt" AT TIME ZONE 'UTC' AS "startedAt" FROM runs WHERE id = $1`,
    [runId],
  );
  const run = rows[0];
  const p = run && (await project(run.projectId));
  if (!run || !p) return [];
  const out: Outgoing[] = [];
  const url = `${baseUrl()}/runs/${run.id}`;
  const proj = { slug: p.slug, name: p.name };
  const where = `${run.mode}${run.branch ? ` run on ${run.branch}` : " run"}`;
  const runData = { runId: run.id, mode: run.mode, branch: run.branch, commitSha: run.commitSha, status: run.status };
  const { items, newSignatures, regressions } = await runFailures(run, run.createdAt);
  if (items.length) {
    const reqs = [...new Set(items.flatMap((i) => i.requirementIds))];
    out.push({
      projectId: p.id, event: "run.new_failures", dedupKey: `run.new_failures:${run.id}`,
      message: {
        event: "run.new_failures", project: proj, url, items, data: { ...runData, newSpecs: items.length, newSignatures, requirementIds: reqs },
        title: `${p.name}: ${plural(items.length, "new failure")} in a ${where}`,
        summary: `${plural(items.length, "spec")} failed that ${items.length === 1 ? "was" : "were"} not already open${regressions.length ? ` (${regressions.length} reopened as regressions)` : ""}; ${plural(newSignatures, "new failure signature")}.`,
      },
    });
  }
  if (regressions.length) {
    out.push({
      projectId: p.id, event: "item.reopened", dedupKey: `item.reopened:${run.id}`,
      message: { event: "item.reopened", project: proj, url, items: regressions, data: runData,
        title: `${p.name}: ${plural(regressions.length, "item")} reopened as ${regressions.length === 1 ? "a regression" : "regressions"}`,
        summary: `Resolved before, failing again in a ${where}.` },
    });
  }
  if (run.setupRegression === true) {
    out.push({
      projectId: p.id, event: "run.setup_regression", dedupKey: `run.setup_regression:${run.id}`,
      message: { event: "run.setup_regression", project: proj, url, data: { ...runData, setupDurationMs: run.setupDurationMs },
        title: `${p.name}: setup-time regression in a ${where}`,
        summary: `Setup took ${Math.round(run.setupDurationMs / 1000)} s, far above the recent ${run.mode} runs.` },
    });
  }
  const timing = await timingTargetBroken(p, run.id);
  if (timing) out.push(timing);
  return out;
}

export async function collectAssigned(p: Extract<NotifyPayload, { kind: "item.assigned" }>, jobId: string): Promise<Outgoing[]> {
  const { rows: who } = await pool().query(`SELECT name, email FROM users WHERE id = $1`, [p.assigneeId]);
  if (!who[0]) return [];
  const { rows } = await pool().query(`${ITEM_SELECT} WHERE t.id = ANY($1::uuid[]) AND t."assigneeId" = $2 ORDER BY tc.name`, [p.itemIds, p.assigneeId]);
  const { rows: projs } = await pool().query(`SELECT t.id, t."projectId" FROM triage_items t WHERE t.id = ANY($1::uuid[])`, [p.itemIds]);
  const byProject = new Map<string, MessageItem[]>();
  for (const r of rows) {
    const pid = projs.find((x) => x.id === r.id)!.projectId as string;
    byProject.set(pid, [...(byProject.get(pid) ?? []), toItem(r, false)]);
  }
  const out: Outgoing[] = [];
  for (const [pid, items] of byProject) {
    const pr = await project(pid);
    if (!pr) continue;
    out.push({
      projectId: pid, event: "item.assigned", dedupKey: `item.assigned:${jobId}`,
      message: {
        event: "item.assigned", project: { slug: pr.slug, name: pr.name }, items, url: items.length === 1 ? items[0].url : `${baseUrl()}/triage?project=${encodeURIComponent(pr.slug)}&assignee=${p.assigneeId}`,
        title: `${pr.name}: ${plural(items.length, "item")} assigned to ${who[0].name}`,
        summary: `${p.actorName ?? "Someone"} assigned ${items.length === 1 ? `"${items[0].spec}"` : plural(items.length, "item")} to ${who[0].name}.`,
        data: { assignee: { name: who[0].name, email: who[0].email } },
      },
    });
  }
  return out;
}

export async function collectJobFailed(jobId: string): Promise<Outgoing[]> {
  const { rows } = await pool().query(
    `SELECT j.id, j."projectId", j.status::text AS status, j."errorMessage", j."exitCode", j."runId", h.name AS host, t.name AS template
       FROM provisioning_jobs j JOIN runner_hosts h ON h.id = j."runnerHostId" JOIN run_templates t ON t.id = j."templateId" WHERE j.id = $1`,
    [jobId],
  );
  const j = rows[0];
  const p = j && (await project(j.projectId));
  if (!j || !p) return [];
  const url = j.runId ? `${baseUrl()}/runs/${j.runId}` : `${baseUrl()}/runner`;
  return [{
    projectId: p.id, event: "runner.job_failed", dedupKey: `runner.job_failed:${j.id}`,
    message: {
      event: "runner.job_failed", project: { slug: p.slug, name: p.name }, url,
      title: `${p.name}: runner job "${j.template}" on ${j.host} ${j.status === "timed_out" ? "timed out" : "failed"}`,
      summary: (j.errorMessage ?? `exit code ${j.exitCode ?? "unknown"}`).slice(0, 500),
      data: { jobId: j.id, runId: j.runId, status: j.status, exitCode: j.exitCode, host: j.host, template: j.template },
    },
  }];
}
