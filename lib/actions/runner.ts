"use server";
// UI mutations of live provisioning runs. Server actions: each one first
// passes the same same-origin check as the JSON routes (Next.js's own check lets
// a request without Origin through), then checks the role: admin for runner
// hosts, lead for templates, triager to start, cancel and retry runs. Errors come back as
// { error: { code, message, details? } }, never as a thrown secret.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { requireRole } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
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
    if (isAppError(e)) return { ok: false, error: e.toJSON().error };
    console.error(JSON.stringify({ level: "error", msg: "runner action failed", error: String((e as Error)?.message ?? e) }));
    return { ok: false, error: { code: "internal", message: "Internal error" } };
  }
}

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
    await requireRole("lead");
    const r = await saveRunTemplate(input, id);
    revalidatePath("/runner");
    return r;
  });
}

export async function deleteRunTemplateAction(id: string) {
  return act(async () => {
    await requireRole("lead");
    await deleteRunTemplate(id);
    revalidatePath("/runner");
    return null;
  });
}

export async function triggerRunAction(input: unknown) {
  return act(async () => {
    const user = await requireRole("triager");
    return triggerRun(input, user.id);
  });
}

export async function rerunFailedSpecsAction(input: unknown) {
  return act(async () => {
    const user = await requireRole("triager");
    return rerunFailedSpecs(input, user.id);
  });
}

export async function cancelJobAction(jobId: string) {
  return act(async () => {
    await requireRole("triager");
    return cancelJob(jobId);
  });
}

export async function retryJobAction(jobId: string) {
  return act(async () => {
    const user = await requireRole("triager");
    return retryJob(jobId, user.id);
  });
}
