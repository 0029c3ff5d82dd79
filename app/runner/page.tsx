// Live provisioning: runner hosts (admins), run templates (leads), starting a
// run (triagers), and each host's running and queued runs in order.
import type { Metadata } from "next";
import Link from "next/link";
import { CheckHostButton, RemoveHostButton, RunTemplateForm, RunnerHostForm, TemplateActions } from "@/components/runner/runner-forms";
import { TriggerRunForm } from "@/components/runner/trigger-run-form";
import { hasRole } from "@/lib/auth/roles";
import { projectRole, readerScope, requireReader, requirePageRole } from "@/lib/auth/session";
import { getRunnerOverview } from "@/lib/runner/get-runner-overview";
import { describeDeclarations } from "@/lib/runner/template-params";
import { findProjectOptions } from "@/lib/queries/find-project-options";

export const metadata: Metadata = { title: "Runner · Runboard" };
export const dynamic = "force-dynamic";

const box = "space-y-2 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800";

export default async function RunnerPage() {
  const user = await requireReader("/runner");
  const scope = await readerScope(user);
  const [{ hosts, templates, jobs }, projects, triager, lead] = await Promise.all([
    getRunnerOverview(scope), findProjectOptions(scope), user && requirePageRole("triager", "/runner"), user && requirePageRole("lead", "/runner"),
  ]);
  // leads edit and remove the templates of the projects they lead
  const templateRoles = await Promise.all(templates.map((t) => projectRole(user, t.projectId)));
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Live provisioning runs</h1>
      {triager && (
        <section aria-labelledby="start" className={box}>
          <h2 id="start" className="text-lg font-semibold">Start a run</h2>
          <TriggerRunForm templates={templates.map((t) => ({ id: t.id, label: `${t.project} / ${t.name}`, placeholders: t.placeholders, declared: t.declared, problems: t.problems }))} hosts={hosts.map((h) => ({ id: h.id, name: h.name }))} />
        </section>
      )}
      <section aria-labelledby="hosts" className="space-y-2">
        <h2 id="hosts" className="text-lg font-semibold">Runner hosts ({hosts.length})</h2>
        <div tabIndex={0} role="region" aria-label="Runner hosts" className="overflow-x-auto">
        <table className="w-full text-sm [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5" data-testid="runner-hosts">
          <thead><tr className="text-left"><th>Name</th><th>Address</th><th>Host key</th><th>Slots</th><th>Status</th><th>Running and queued</th><th /></tr></thead>
          <tbody>
            {hosts.map((h) => {
              const mine = jobs.filter((j) => j.runnerHostId === h.id);
              return (
                <tr key={h.id} className="border-t align-top">
                  <th scope="row" className="text-left">{h.name}</th>
                  <td>{h.username}@{h.host}:{h.port}</td>
                  <td className="font-mono text-xs">{h.hostKeyFingerprint}</td>
                  <td>{h.maxConcurrent}</td>
                  <td className="max-w-md break-words" data-testid="host-status">{h.reachable === null ? "not checked" : h.reachable ? `reachable${h.lastSeenAt ? `, seen ${h.lastSeenAt.slice(0, 19).replace("T", " ")} UTC` : ""}` : `unreachable: ${h.lastError ?? ""}`}</td>
                  <td>
                    <ol className="list-decimal pl-4" data-testid="host-queue">
                      {mine.map((j) => <li key={j.id}><Link className="underline" href={`/runs/${j.runId}`}>{j.template} {j.mode}{j.branch ? ` ${j.branch}` : ""}</Link> ({j.status})</li>)}
                    </ol>
                  </td>
                  <td className="whitespace-nowrap">{hasRole(user?.role, "admin") && <><CheckHostButton id={h.id} /><RemoveHostButton id={h.id} name={h.name} /></>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      </section>
      {hasRole(user?.role, "admin") && (
        <section aria-labelledby="add-host" className={box}>
          <h2 id="add-host" className="text-lg font-semibold">Add a runner host</h2>
          <RunnerHostForm />
        </section>
      )}
      <section aria-labelledby="templates" className="space-y-2">
        <h2 id="templates" className="text-lg font-semibold">Run templates ({templates.length})</h2>
        <ul className="space-y-1 text-sm" data-testid="run-templates">
          {templates.map((t, i) => (
            <li key={t.id}>
              <b>{t.project} / {t.name}</b>: <code className="break-all">{t.command}</code>{t.workingDir ? ` in ${t.workingDir}` : ""}; reports {t.junitPaths.join(", ") || "none"}; timeout {t.timeoutSec} s{t.tryOut ? "; try-out (kept out of timing statistics)" : ""}
              {Object.keys(t.declared).length > 0 && <>; parameters <code>{describeDeclarations(t.declared)}</code></>}
              {t.problems.length > 0 && <span className="block text-red-700 dark:text-red-400">Cannot run until its command is fixed: {t.problems.join("; ")}</span>}
              {hasRole(templateRoles[i], "lead") && <TemplateActions template={t} projects={projects.map((p: { slug: string }) => p.slug)} />}
            </li>
          ))}
        </ul>
      </section>
      {lead && (
        <section aria-labelledby="add-template" className={box}>
          <h2 id="add-template" className="text-lg font-semibold">Add a run template</h2>
          <RunTemplateForm projects={projects.map((p: { slug: string }) => p.slug)} />
        </section>
      )}
    </div>
  );
}
