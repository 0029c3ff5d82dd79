// Start a live provisioning run: validate the template's parameters, create
// the run (create-run, source "runner") and its job, and queue the job, in one
// transaction. The job waits in order behind the host's other queued jobs.
import { v7 as uuidv7 } from "uuid";
import { AppError } from "@/lib/errors";
import { templateFocusSchema } from "@/lib/runner/focus";
import { ensureQueueSchema, dispatchHost } from "@/lib/runner/queue";
import { type TriggerRunInput, triggerRunSchema } from "@/lib/runner/schemas";
import { checkParams, templateParamsSchema } from "@/lib/runner/template-params";
import { createRun } from "@/lib/services/create-run";
import { withTransaction } from "@/lib/services/sql";
import { parseOrThrow } from "@/lib/schemas/validation";

/**
 * mode and branch given as top-level fields; the same names in params are
 * accepted too (and checked by the same schemas), but not both at once.
 */
function carried(input: TriggerRunInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ["mode", "branch"] as const) {
    const top = input[name];
    if (top === undefined) continue;
    if (input.params[name] !== undefined && input.params[name] !== top) {
      throw new AppError("validation_failed", "Invalid run parameters", [{ path: `params.${name}`, message: `${name} is given twice with different values` }]);
    }
    out[name] = top;
  }
  if (out.mode === undefined && input.params.mode === undefined) {
    throw new AppError("validation_failed", "Invalid run parameters", [{ path: "mode", message: "a mode is required" }]);
  }
  return out;
}

/** What a rerun of failed specs adds to a run it starts (rerun-failed.ts). */
export interface RerunOf {
  runId: string;
  /** the focus value, already built by focus.ts */
  focus: string;
}

export async function triggerRun(raw: unknown, requestedById: string | null, rerun?: RerunOf) {
  const input: TriggerRunInput = parseOrThrow(triggerRunSchema, raw, "run parameters");
  await ensureQueueSchema();
  return withTransaction(async (client) => {
    const { rows: t } = await client.query(
      `SELECT t.id, t.name, t.command, t.params, t."tryOut", t.focus, t."projectId", p.slug FROM run_templates t JOIN projects p ON p.id = t."projectId" WHERE t.id = $1`,
      [input.templateId],
    );
    if (!t[0]) throw new AppError("not_found", "Unknown run template");
    const { rows: h } = await client.query(`SELECT id, name FROM runner_hosts WHERE id = $1`, [input.runnerHostId]);
    if (!h[0]) throw new AppError("not_found", "Unknown runner host");
    const top = carried(input);
    const focus = templateFocusSchema.safeParse(t[0].focus).data;
    if (rerun && !focus) throw new AppError("validation_failed", "This template cannot rerun single specs: it declares no focus placeholder", [{ path: "templateId", message: "no focus" }]);
    // a focus placeholder is empty (every spec) unless this is a rerun of failed specs
    const focused = focus ? { [focus.placeholder]: rerun?.focus ?? input.params[focus.placeholder] ?? "" } : {};
    const params = checkParams({
      command: t[0].command,
      declared: templateParamsSchema.catch({}).parse(t[0].params),
      values: { ...input.params, ...focused, ...top },
      pathOf: (name) => (name in top ? name : `params.${name}`),
      focus: focus?.placeholder,
    });
    const jobId = uuidv7();
    const { run } = await createRun(t[0].projectId, {
      project: t[0].slug, mode: params.mode, branch: params.branch, runnerHost: h[0].name,
      externalId: `runner-${jobId}`,
      // a rerun is its own population in the timing statistics: it runs only some specs
      labels: rerun
        ? { template: `${t[0].name} (rerun of failed specs)`, rerunOf: rerun.runId }
        : { template: t[0].name, ...(t[0].tryOut && { tryout: "true" }) },
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
