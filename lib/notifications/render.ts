// A message as the body a receiver gets: generic JSON (the message itself,
// versioned), or Slack's incoming-webhook JSON (`text` for notifications and
// clients without blocks, `blocks` for the layout), which Mattermost and
// Rocket.Chat accept too. Pure: the same message gives the same body.
import type { Message, MessageItem, WebhookFormat } from "@/lib/notifications/events";

/** Items listed in a chat message; the rest are counted and linked. */
export const CHAT_ITEM_LIMIT = 10;

export function renderBody(format: WebhookFormat, m: Message): string {
  return JSON.stringify(format === "slack" ? renderSlack(m) : { version: 1, ...m });
}

/** Slack mrkdwn: &, < and > are the only characters to escape. */
function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function itemLine(i: MessageItem): string {
  const reqs = i.requirementIds.length ? ` [${i.requirementIds.join(", ")}]` : "";
  const parts = [
    `• <${i.url}|${esc(i.spec)}>${esc(reqs)}${i.regression ? " (regression)" : ""}`,
    i.suggestedCategory ? `suggested: ${esc(i.suggestedCategory)}` : null,
    i.owner ? `owner: ${esc(i.owner)}` : null,
  ].filter(Boolean);
  const sig = i.signature ? `\n   \`${esc(i.signature.slice(0, 150))}\`` : "";
  return parts.join(" · ") + sig;
}

export function renderSlack(m: Message) {
  const items = m.items ?? [];
  const shown = items.slice(0, CHAT_ITEM_LIMIT);
  const more = items.length - shown.length;
  const blocks: Record<string, unknown>[] = [
    { type: "section", text: { type: "mrkdwn", text: `*<${m.url}|${esc(m.title)}>*\n${esc(m.summary)}` } },
  ];
  if (shown.length) {
    const list = shown.map(itemLine).join("\n") + (more > 0 ? `\n… and ${more} more: <${m.url}|see all>` : "");
    blocks.push({ type: "section", text: { type: "mrkdwn", text: list.slice(0, 2900) } });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `Runboard · ${esc(m.project.name)} (${esc(m.project.slug)})` }] });
  const reqs = [...new Set(items.flatMap((i) => i.requirementIds))];
  const text = `${m.title}: ${m.summary}${reqs.length ? ` Requirements: ${reqs.slice(0, 20).join(", ")}.` : ""} ${m.url}`;
  return { text, blocks };
}
