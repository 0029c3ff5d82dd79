"use server";
// UI mutations of live provisioning runs. Server actions: each one first
// passes the same same-origin check as the JSON routes (Next.js's own check lets
// a request without Origin through), then checks the role: admin for runner
// hosts, lead of the template's project for templates, triager of the project to
// start, cancel and retry its runs (a project the user may not read is "unknown").
// Errors come back as { error: { code, message, details? } } through the routes'
// own mapping (lib/http/api-handler.ts errorAnswer), never as a thrown secret.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { type SessionUser, requireProjectRole, requireRole } from "@/lib/auth/session";
import { errorAnswer } from "@/lib/http/api-handler";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { projectIdOf } from "@/lib/queries/project-of";
import { getProjectBySlugOrThrow } from "@/lib/services/get-project";
import { cancelJob, retryJob } from "@/lib/runner/control-job";
import { checkRunnerHost, deleteRunnerHost, saveRunnerHost } from "@/lib/runner/runner-hosts";
import { deleteRunTemplate, saveRunTemplate } from "@/lib/runner/run-templates";
import { rerunFailedSpecs } from "@/lib/runner/rerun-failed";
import { triggerRun } from "@/lib/runner/trigger-run";

export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

async function act<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    assertSameOrigin("POST", await headers());
    return { ok: true, data: await fn() };
  } catch (e) {
    return { ok: false, error: errorAnswer(e, randomUUID()).body.error };
  }
}

/** Signed in with `min` in the project that `kind` `id` belongs to. */
async function requireIn(min: Role, kind: Parameters<typeof projectIdOf>[0], id: unknown): Promise<SessionUser> {
  const user = await requireRole(min);
  await requireProjectRole(user, await projectIdOf(kind, id), min, "This " + kind);
  return user;
}

const field = (input: unknown, key: string): unknown => (input && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined);

export async function saveRunnerHostAction(input: unknown, id?: string) {
  return act(async () => {
    await requireRole("admin");
    const r = await saveRunnerHost(input, id);
    revalidatePath("/runner");
    return r;
  });
}

export async function deleteRunnerHostAction(id: string) {
  return act(async () => {
    await requireRole("admin");
    await deleteRunnerHost(id);
    revalidatePath("/runner");
    return null;
  });
}

export async function checkRunnerHostAction(id: string) {
  return act(async () => {
    await requireRole("admin");
    const r = await checkRunnerHost(id);
    revalidatePath("/runner");
    return r;
  });
}

export async function saveRunTemplateAction(input: unknown, id?: string) {
  return act(async () => {
    const user = id ? await requireIn("lead", "template", id) : await requireRole("lead");
    const slug = field(input, "project");
    if (typeof slug === "string") await requireProjectRole(user, (await getProjectBySlugOrThrow(slug)).id, "lead", `Project "${slug}"`);
    const r = await saveRunTemplate(input, id);
    revalidatePath("/runner");
    return r;
  });
}

export async function deleteRunTemplateAction(id: string) {
  return act(async () => {
    await requireIn("lead", "template", id);
    await deleteRunTemplate(id);
    revalidatePath("/runner");
    return null;
  });
}

export async function triggerRunAction(input: unknown) {
  return act(async () => {
    const user = await requireIn("triager", "template", field(input, "templateId"));
    return triggerRun(input, user.id);
  });
}

export async function rerunFailedSpecsAction(input: unknown) {
  return act(async () => {
    const user = await requireIn("triager", "run", field(input, "runId"));
    return rerunFailedSpecs(input, user.id);
  });
}

export async function cancelJobAction(jobId: string) {
  return act(async () => {
    await requireIn("triager", "job", jobId);
    return cancelJob(jobId);
  });
}

export async function retryJobAction(jobId: string) {
  return act(async () => {
    const user = await requireIn("triager", "job", jobId);
    return retryJob(jobId, user.id);
  });
}
