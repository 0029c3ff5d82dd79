"use client";
// Start a run (triagers): template, host, mode, branch, and one field per
// other placeholder of the chosen template: a select when the template lists
// the allowed values, a text field (with the pattern as hint) otherwise.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, input, useSubmit } from "@/components/runner/runner-forms";
import { triggerRunAction } from "@/lib/actions/runner";
import type { TemplateParams } from "@/lib/runner/template-params";

export interface TriggerTemplate {
  id: string;
  label: string;
  placeholders: string[];
  declared: TemplateParams;
  problems: string[];
}

export function TriggerRunForm({ templates, hosts }: { templates: TriggerTemplate[]; hosts: { id: string; name: string }[] }) {
  const router = useRouter();
  const { error, busy, submit } = useSubmit();
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const t = templates.find((x) => x.id === templateId);
  return (
    <form className="grid gap-2 md:grid-cols-4" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const params = Object.fromEntries((t?.placeholders ?? []).map((p) => [p, String(f.get(`param-${p}`) ?? "")]));
      void submit(() => triggerRunAction({
        templateId, runnerHostId: f.get("runnerHostId"), mode: f.get("mode"),
        branch: String(f.get("branch") || "") || undefined, params,
      }), (d) => router.push(`/runs/${(d as { runId: string }).runId}`));
    }}>
      <label className="block text-sm">Template
        <select name="templateId" className={input} value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
          {templates.map((x) => <option key={x.id} value={x.id}>{x.label}</option>)}
        </select>
      </label>
      <label className="block text-sm">Runner host
        <select name="runnerHostId" className={input}>{hosts.map((h) => <option key={h.id} value={h.id}>{h.name}</option>)}</select>
      </label>
      <Field label="Mode" name="mode" defaultValue="parallel" required />
      <Field label="Branch" name="branch" defaultValue="main" />
      {t?.placeholders.map((p) => {
        const d = t.declared[p];
        return d && "values" in d ? (
          <label key={`${t.id}-${p}`} className="block text-sm">{p}
            <select name={`param-${p}`} className={input}>{d.values.map((v) => <option key={v} value={v}>{v}</option>)}</select>
          </label>
        ) : (
          <Field key={`${t.id}-${p}`} label={p} name={`param-${p}`} required placeholder={d ? `/${d.pattern}/` : "letters, digits, . _ / : @ + = , -"} />
        );
      })}
      <div className="md:col-span-4">
        {t && t.problems.length > 0 && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">This template cannot run until a lead fixes its command: {t.problems.join("; ")}</p>
        )}
        <button type="submit" disabled={busy || !templates.length || !hosts.length} className="rounded border px-3 py-1 text-sm">Start run</button>
        {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
      </div>
    </form>
  );
}
