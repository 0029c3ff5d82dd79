"use client";
// Team leads rename a root-cause category (its key stays: the suggestion rules
// use it) or add one. The server checks the role again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/triage/api";
import { Feedback, type Message, button, field } from "@/components/ui/form-feedback";

export function RenameCategoryForm({ project, id, label }: { project: string; id: string; label: string }) {
  const router = useRouter();
  const [value, setValue] = useState(label);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = value.trim();
    if (!next) return setMessage({ error: true, text: "A label cannot be empty." });
    if (next === label) return setMessage({ error: false, text: "Nothing changed." });
    setBusy(true);
    const error = await sendJson(`/api/projects/${encodeURIComponent(project)}/categories/${id}`, "PATCH", { label: next });
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: "Saved." });
    router.refresh();
  }

  return (
    <form onSubmit={save} aria-label={`Rename ${label}`} className="flex flex-wrap items-center gap-2">
      <input aria-label={`Label of ${label}`} value={value} onChange={(e) => setValue(e.target.value)} required maxLength={80} className={`${field} w-56`} />
      <button type="submit" disabled={busy} className={button}>Save</button>
      <Feedback message={message} />
    </form>
  );
}

export function AddCategoryForm({ project }: { project: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);

  async function add(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const label = String(new FormData(form).get("label") ?? "").trim();
    if (!label) return setMessage({ error: true, text: "Give the category a label." });
    setBusy(true);
    const error = await sendJson(`/api/projects/${encodeURIComponent(project)}/categories`, "POST", { label });
    setBusy(false);
    if (error) return setMessage({ error: true, text: error });
    setMessage({ error: false, text: `Added "${label}".` });
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={add} aria-label="Add category" className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="mb-1 block font-medium">New category label</span>
        <input name="label" required maxLength={80} placeholder="Third-party outage" className={`${field} w-64`} />
      </label>
      <button type="submit" disabled={busy} className={button}>Add category</button>
      <Feedback message={message} />
    </form>
  );
}
