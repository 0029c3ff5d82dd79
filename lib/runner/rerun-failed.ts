// "Rerun failed specs": a runner job for one of the project's templates that
// declare a focus placeholder, with the focus built from the run's failed and
// errored spec names (focus.ts), mode and branch taken from the run. The new
// run carries rerunOf, so each run links to the other; its results count like
// any run's (passing reruns move triage items toward auto-resolve).
import { z } from "zod";
import { pool } from "@/lib/db";
import { type RunKey, runKeyParams, runResultsWhere } from "@/lib/queries/run-key";
import { AppError } from "@/lib/errors";
import { buildFocus, templateFocusSchema } from "@/lib/runner/focus";
import { triggerRun } from "@/lib/runner/trigger-run";
import { parseOrThrow } from "@/lib/schemas/validation";

export const rerunFailedSchema = z.object({
  runId: z.uuid(),
  templateId: z.uuid(),
  runnerHostId: z.uuid(),
  /** the template's other placeholders; default: the original run's, when it ran from the same template */
  params: z.record(z.string(), z.string().max(500)).optional(),
});

export async function rerunFailedSpecs(raw: unknown, requestedById: string | null) {
  const input = parseOrThrow(rerunFailedSchema, raw, "rerun");
  const { rows: [run] } = await pool().query<RunKey & { mode: string; branch: string | null }>(
    `SELECT id, "projectId", "startedAt" AT TIME ZONE 'UTC' AS "startedAt", mode, branch FROM runs WHERE id = $1`, [input.runId],
  );
  if (!run) throw new AppError("not_found", "Unknown run");
  const { rows: [template] } = await pool().query<{ projectId: string; focus: unknown }>(`SELECT "projectId", focus FROM run_templates WHERE id = $1`, [input.templateId]);
  if (!template) throw new AppError("not_found", "Unknown run template");
  if (template.projectId !== run.projectId) throw new AppError("validation_failed", "The template belongs to another project", [{ path: "templateId", message: "another project's template" }]);
  const focus = templateFocusSchema.safeParse(template.focus).data;
  if (!focus) throw new AppError("validation_failed", "This template cannot rerun single specs: it declares no focus placeholder", [{ path: "templateId", message: "no focus" }]);
  const { rows } = await pool().query<{ name: string }>(
    `SELECT DISTINCT tc.name FROM test_results r JOIN test_cases tc ON tc.id = r."testCaseId" WHERE ${runResultsWhere("r", 1)} AND r.status IN ('failed', 'errored')`,
    runKeyParams(run),
  );
  const value = buildFocus(focus.format, rows.map((r) => r.name));
  const { rows: [job] } = await pool().query<{ params: Record<string, string> }>(
    `SELECT params FROM provisioning_jobs WHERE "runId" = $1 AND "templateId" = $2`, [input.runId, input.templateId],
  );
  const earlier = Object.fromEntries(Object.entries(job?.params ?? {}).filter(([k]) => k !== "mode" && k !== "branch" && k !== focus.placeholder));
  return triggerRun(
    { templateId: input.templateId, runnerHostId: input.runnerHostId, mode: run.mode, ...(run.branch && { branch: run.branch }), params: input.params ?? earlier },
    requestedById,
    { runId: input.runId, focus: value },
  );
}

/** Templates of the project that can rerun single specs, and the reruns of a run, for its page. */
export async function findRerunOptions(runId: string, projectId: string) {
  const [templates, hosts, reruns, original] = await Promise.all([
    pool().query<{ id: string; name: string }>(`SELECT id, name FROM run_templates WHERE "projectId" = $1 AND focus IS NOT NULL ORDER BY name`, [projectId]),
    pool().query<{ id: string; name: string }>(`SELECT id, name FROM runner_hosts ORDER BY name`),
    pool().query<{ id: string; status: string }>(
      `SELECT id, status::text AS status FROM runs WHERE "projectId" = $2 AND labels @> jsonb_build_object('rerunOf', $1::text) ORDER BY "startedAt"`, [runId, projectId],
    ),
    pool().query<{ rerunOf: string | null }>(`SELECT labels->>'rerunOf' AS "rerunOf" FROM runs WHERE id = $1`, [runId]),
  ]);
  return { templates: templates.rows, hosts: hosts.rows, reruns: reruns.rows, rerunOf: original.rows[0]?.rerunOf ?? null };
}
