// GET /triage/export.csv?<the triage page's filters> - the filtered items as CSV (RFC 4180).
import { csvCell as cell } from "@/lib/http/csv";
import { readerRoute } from "@/lib/http/session-route";
import { publicOrigin } from "@/lib/http/public-origin";
import { findTriageItems, triageFilterSchema } from "@/lib/queries/find-triage-items";
import { STATUS_LABEL, type TriageStatusValue } from "@/lib/triage/schemas";

export const dynamic = "force-dynamic";

export const GET = readerRoute(async ({ req, scope }) => {
  const url = new URL(req.url);
  const filter = triageFilterSchema.parse(Object.fromEntries(url.searchParams));
  const { rows } = await findTriageItems(filter, scope);
  const origin = publicOrigin(req);
  const header = ["project", "spec", "requirement_ids", "test_ids", "status", "category", "suggested_category", "suggestion_reason",
    "assignee", "failure_count", "first_seen", "last_seen", "ticket_url", "signature", "url"];
  const lines = [header.map(cell).join(",")];
  for (const r of rows) {
    lines.push([r.projectSlug, r.specName, r.requirementIds.join(" "), r.testIds.join(" "), STATUS_LABEL[r.status as TriageStatusValue] ?? r.status,
      r.categoryLabel, r.suggestedLabel, r.suggestionReason, r.assigneeName, r.failureCount, r.firstSeenAt, r.lastSeenAt, r.ticketUrl,
      r.signature, `${origin}/triage/${r.id}`].map(cell).join(","));
  }
  return new Response(`${lines.join("\r\n")}\r\n`, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="triage-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
