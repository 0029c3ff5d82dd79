"use client";
// Forms of the /runner page: add a runner host (admin), add a run template
// (lead), start a run (triager), check a host. Each calls a server action and
// shows its error message and field details.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { checkRunnerHostAction, deleteRunTemplateAction, deleteRunnerHostAction, saveRunTemplateAction, saveRunnerHostAction } from "@/lib/actions/runner";
import { type TemplateParams, declarationsFromText, describeDeclarations } from "@/lib/runner/template-params";

type Result = { ok: boolean; error?: { message: string; details?: unknown }; data?: unknown };
export const input = "w-full rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

export function useSubmit() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (fn: () => Promise<Result>, done: (data: unknown) => void) => {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (!r.ok) {
        const details = Array.isArray(r.error?.details) ? (r.error!.details as { path: string; message: string }[]).map((d) => `${d.path}: ${d.message}`).join("; ") : "";
        setError(`${r.error?.message ?? "Failed"}${details ? ` (${details})` : ""}`);
      } else done(r.data);
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, submit };
}

export function Field({ label, name, ...rest }: { label: string; name: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="block text-sm">
      {label}
      <input name={name} className={input} {...rest} />
    </label>
  );
}

export function RunnerHostForm() {
  const router = useRouter();
  const { error, busy, submit } = useSubmit();
  return (
    <form className="grid gap-2 md:grid-cols-2" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const form = e.currentTarget;
      void submit(() => saveRunnerHostAction({
        name: f.get("name"), host: f.get("host"), port: f.get("port"), username: f.get("username"), privateKey: f.get("privateKey"),
        hostKeyFingerprint: f.get("hostKeyFingerprint"), maxConcurrent: f.get("maxConcurrent"),
      }), () => { form.reset(); router.refresh(); });
    }}>
      <Field label="Name" name="name" required />
      <Field label="Host" name="host" required placeholder="127.0.0.1" />
      <Field label="Port" name="port" defaultValue="22" />
      <Field label="User" name="username" required />
      <Field label="Host key fingerprint (SHA256:…, or the line ssh-keygen -lf prints)" name="hostKeyFingerprint" required placeholder="256 SHA256:… [host]:22 (ED25519)" />
      <Field label="Max concurrent runs" name="maxConcurrent" defaultValue="1" />
      <label className="block text-sm md:col-span-2">
        Private key (stored encrypted, never shown again)
        <textarea name="privateKey" required rows={4} className={`${input} font-mono`} autoComplete="off" spellCheck={false} />
      </label>
      <div className="md:col-span-2">
        <button type="submit" disabled={busy} className="rounded border px-3 py-1 text-sm">Add runner host</button>
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}

export function CheckHostButton({ id }: { id: string }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <span>
      <button type="button" className="rounded border px-2 py-0.5 text-xs" onClick={async () => {
        setMsg("checking…");
        const r = await checkRunnerHostAction(id);
        // a failed check's message is the row's status (refreshed below): shown once, there
        setMsg(r.ok ? (r.data.ok ? r.data.message : null) : r.error.message);
        router.refresh();
      }}>Check</button>
      {msg && <span role="status" className="ml-2 block whitespace-normal text-xs" data-testid="check-result">{msg}</span>}
    </span>
  );
}

/** Remove a host (refused while it has queued or running jobs); its finished jobs' logs go with it, the runs stay. */
export function RemoveHostButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <span>
      <button type="button" aria-label={`Remove ${name}`} className="ml-2 rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 dark:border-red-800 dark:text-red-400" onClick={async () => {
        if (!window.confirm(`Remove runner host ${name}? Its finished jobs' logs are removed too; the runs stay.`)) return;
        const r = await deleteRunnerHostAction(id);
        if (!r.ok) return setMsg(r.error.message);
        router.refresh();
      }}>Remove</button>
      {msg && <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">{msg}</span>}
    </span>
  );
}

/** A stored template as the edit form starts from. */
export interface TemplateValues {
  id: string; project: string; name: string; command: string; workingDir: string | null; junitPaths: string[]; phasesPath: string | null;
  phasePatterns: unknown[]; timeoutSec: number; declared: TemplateParams; tryOut: boolean; focus: { placeholder: string; format: string } | null;
}

/** Add a template, or with `initial` edit that one (its project stays). */
export function RunTemplateForm({ projects, initial, onSaved }: { projects: string[]; initial?: TemplateValues; onSaved?: () => void }) {
  const router = useRouter();
  const { error, setError, busy, submit } = useSubmit();
  const v = initial;
  return (
    <form className="grid gap-2 md:grid-cols-2" aria-label={v ? `Edit template ${v.name}` : undefined} onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const form = e.currentTarget;
      let patterns: unknown = [];
      try {
        patterns = JSON.parse(String(f.get("phasePatterns") || "[]"));
      } catch {
        patterns = "not JSON";
      }
      const declared = declarationsFromText(String(f.get("params") || ""));
      if (!declared.ok) return setError(declared.message);
      void submit(() => saveRunTemplateAction({
        project: f.get("project"), name: f.get("name"), command: f.get("command"), workingDir: f.get("workingDir"),
        junitPaths: String(f.get("junitPaths") || "").split(",").map((s) => s.trim()).filter(Boolean),
        phasesPath: String(f.get("phasesPath") || "") || undefined, phasePatterns: patterns, timeoutSec: f.get("timeoutSec"),
        params: declared.params,
        tryOut: f.get("tryOut") === "on",
        focus: f.get("focusFormat") ? { placeholder: String(f.get("focusPlaceholder") || "focus"), format: f.get("focusFormat") } : null,
      }, v?.id), () => { if (!v) form.reset(); router.refresh(); onSaved?.(); });
    }}>
      <label className="block text-sm">Project
        <input name="project" list="runner-projects" required className={input} defaultValue={v?.project} readOnly={Boolean(v)} />
        <datalist id="runner-projects">{projects.map((p) => <option key={p} value={p} />)}</datalist>
      </label>
      <Field label="Template name" name="name" required defaultValue={v?.name} />
      <label className="block text-sm md:col-span-2">Command ({"{mode}"}, {"{branch}"} and other placeholders: each a whole word or NAME={"{x}"}, never in quotes)
        <input name="command" required defaultValue={v?.command} className={`${input} font-mono`} placeholder="make test-e2e-gateway E2E_MODE={mode} BRANCH={branch}" />
      </label>
      <label className="block text-sm md:col-span-2">Parameters (one a line: <code>name: value1, value2</code> or <code>name: /pattern/</code>; undeclared ones take letters, digits and . _ / : @ + = , -)
        <textarea name="params" rows={2} defaultValue={v ? describeDeclarations(v.declared, "\n") : undefined} className={`${input} font-mono`} placeholder={"suite: smoke, full\nshard: /[0-9]{1,2}/"} />
      </label>
      <Field label="Working directory" name="workingDir" defaultValue={v?.workingDir ?? undefined} />
      <Field label="JUnit report paths (comma-separated, * allowed)" name="junitPaths" placeholder="reports/*.xml" defaultValue={v?.junitPaths.join(", ")} />
      <Field label="Phases JSON file (optional)" name="phasesPath" defaultValue={v?.phasesPath ?? undefined} />
      <Field label="Timeout (seconds)" name="timeoutSec" defaultValue={String(v?.timeoutSec ?? 3600)} />
      <label className="flex items-center gap-2 text-sm md:col-span-2">
        <input type="checkbox" name="tryOut" defaultChecked={v?.tryOut} />
        Try-out (e.g. the sshd walk-through): its runs stay out of the project&apos;s timing statistics
      </label>
      <label className="block text-sm">Rerun failed specs: focus format
        <select name="focusFormat" className={input} defaultValue={v?.focus?.format ?? ""}>
          <option value="">none (this template cannot rerun single specs)</option>
          <option value="ginkgo">Ginkgo --focus regex</option>
          <option value="go-test">go test -run regex</option>
          <option value="jest">Jest -t regex</option>
          <option value="playwright">Playwright --grep regex</option>
          <option value="list">plain comma-separated list</option>
        </select>
      </label>
      <Field label="Focus placeholder (in the command, e.g. --focus={focus})" name="focusPlaceholder" placeholder="focus" defaultValue={v?.focus?.placeholder} />
      <label className="block text-sm md:col-span-2">Phase patterns (JSON, optional)
        <textarea name="phasePatterns" rows={2} defaultValue={v?.phasePatterns.length ? JSON.stringify(v.phasePatterns) : undefined} className={`${input} font-mono`} placeholder='[{"pattern": "PHASE (\\d+): ([^.]+)", "start": "Phase $1: $2"}]' />
      </label>
      <div className="md:col-span-2">
        <button type="submit" disabled={busy} className="rounded border px-3 py-1 text-sm">{v ? "Save template" : "Add run template"}</button>
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}

/** A lead's Edit (the form, filled in, below the template) and Remove (asks first) for one template. */
export function TemplateActions({ template, projects }: { template: TemplateValues; projects: string[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [msg, setMsg] = useState<string | null>(null);
  return (
    <>
      <span className="ml-2 inline-flex gap-2">
        <button type="button" aria-expanded={editing} aria-label={`Edit ${template.name}`} className="rounded border px-2 py-0.5 text-xs" onClick={() => setEditing((x) => !x)}>
          {editing ? "Close" : "Edit"}
        </button>
        <button type="button" aria-label={`Remove ${template.name}`} className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-700 dark:border-red-800 dark:text-red-400" onClick={async () => {
          if (!window.confirm(`Remove run template ${template.project} / ${template.name}? Its finished jobs' logs are removed too; the runs stay.`)) return;
          const r = await deleteRunTemplateAction(template.id);
          if (!r.ok) return setMsg(r.error.message);
          router.refresh();
        }}>Remove</button>
      </span>
      {msg && <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">{msg}</span>}
      {editing && (
        <div className="my-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <RunTemplateForm projects={projects} initial={template} onSaved={() => setEditing(false)} />
        </div>
      )}
    </>
  );
}
