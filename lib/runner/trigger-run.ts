// Start a live provisioning run: validate the template's parameters, create
// the run (create-run, source "runner") and its job, and queue the job, in one
// transaction. The job waits in order behind the host's other queued jobs.
import { v7 as uuidv7 } from "uuid";
import { AppError } from "@/lib/errors";
import { ensureQueueSchema, dispatchHost } from "@/lib/runner/queue";
import { type TriggerRunInput, triggerRunSchema } from "@/lib/runner/schemas";
import { renderCommand, templatePlaceholders } from "@/lib/runner/shell";
import { createRun } from "@/lib/services/create-run";
import { withTransaction } from "@/lib/services/sql";
import { parseOrThrow } from "@/lib/schemas/validation";

export async function triggerRun(raw: unknown, requestedById: string | null) {
  const input: TriggerRunInput = parseOrThrow(triggerRunSchema, raw, "run parameters");
  await ensureQueueSchema();
  return withTransaction(async (client) => {
    const { rows: t } = await client.query(
      `SELECT t.id, t.name, t.command, t."tryOut", t."projectId", p.slug FROM run_templates t JOIN projects p ON p.id = t."projectId" WHERE t.id = $1`,
      [input.templateId],
    );
    if (!t[0]) throw new AppError("not_found", "Unknown run template");
    const { rows: h } = await client.query(`SELECT id, name FROM runner_hosts WHERE id = $1`, [input.runnerHostId]);
    if (!h[0]) throw new AppError("not_found", "Unknown runner host");
    const params: Record<string, string> = { ...input.params, mode: input.mode };
    if (input.branch) params.branch = input.branch;
    const missing = templatePlaceholders(t[0].command).filter((p) => params[p] === undefined);
    if (missing.length) {
      throw new AppError("validation_failed", "Invalid run parameters", missing.map((m) => ({ path: m === "branch" ? "branch" : `params.${m}`, message: `the template needs a value for {${m}}` })));
    }
    renderCommand(t[0].command, params); // throws on NUL; values are quoted
    const jobId = uuidv7();
    const { run } = await createRun(t[0].projectId, {
      project: t[0].slug, mode: input.mode, branch: input.branch, runnerHost: h[0].name,
      externalId: `runner-${jobId}`, labels: { template: t[0].name, ...(t[0].tryOut && { tryout: "true" }) },
    }, "runner", client);
    await client.query(
      `INSERT INTO provisioning_jobs (id, "projectId", "templateId", "runnerHostId", "runId", params, status, "requestedById")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, 'queued', $7)`,
      [jobId, t[0].projectId, t[0].id, h[0].id, run.id, JSON.stringify(params), requestedById],
    );
    await dispatchHost(client, h[0].id);
    return { jobId, runId: run.id };
  });
}
