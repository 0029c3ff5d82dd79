// The settings page's "Webhooks" and "Ownership rules" sections (server
// component: reads, then hands plain data to the client editors).
import { AddWebhookForm } from "@/components/notifications/webhook-form";
import { WebhookList } from "@/components/notifications/webhook-list";
import { RuleEditor } from "@/components/ownership/rule-editor";
import { listWebhooks } from "@/lib/notifications/webhooks";
import { ownerToken, serializeOwnersFile } from "@/lib/ownership/owners-file";
import { listRules } from "@/lib/ownership/rules";
import { findOwnerChoices } from "@/lib/queries/find-owner-choices";

export async function NotificationSettings({ projectId, slug, canEdit, maxOpenDays }: { projectId: string; slug: string; canEdit: boolean; maxOpenDays: number | null }) {
  const [webhooks, rules, { users, teams }] = await Promise.all([
    listWebhooks(projectId),
    listRules(projectId),
    canEdit ? findOwnerChoices() : { users: [], teams: [] },
  ]);
  const owners = [...teams.map((t) => ({ token: `@${t.slug}`, name: `${t.name} (team)` })), ...users.map((u) => ({ token: u.email, name: u.name }))];
  return (
    <>
      <section aria-labelledby="webhooks-title" className="space-y-3">
        <h2 id="webhooks-title" className="text-lg font-semibold">Webhooks</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Messages to chat or other tools when something breaks: new failures in a run (one message per run, none when nothing is new), regressions,
          assignments, setup-time regressions, failed runner jobs and a timing target that stopped holding. Sent by the worker, retried, never in the way of an upload.
        </p>
        <WebhookList project={slug} canManage={canEdit}
          webhooks={webhooks.map((w) => ({ ...w, pausedAt: w.pausedAt?.toISOString() ?? null, deliveries: w.deliveries.map((d) => ({ ...d, createdAt: d.createdAt.toISOString(), nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null })) }))} />
        {canEdit ? <AddWebhookForm project={slug} /> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Team leads add webhooks.</p>}
      </section>

      <section aria-labelledby="owners-title" className="space-y-3">
        <h2 id="owners-title" className="text-lg font-semibold">Ownership rules</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A new triage item goes to the owner of the first rule that matches it; its history names the rule. Open items older than{" "}
          {maxOpenDays ? <strong data-testid="max-open-days">{maxOpenDays} days</strong> : "a limit (none set)"} are highlighted on &ldquo;My work&rdquo;
          {" "}(<code className="font-mono text-xs">runboard project set --project {slug} --max-open-days N</code>).
        </p>
        <RuleEditor project={slug} canEdit={canEdit} owners={owners} ownersText={serializeOwnersFile(rules, slug)}
          rules={rules.map((r) => ({ id: r.id, kind: r.kind, pattern: r.pattern, ownerToken: ownerToken(r.owner), ownerName: r.ownerName }))} />
      </section>
    </>
  );
}
