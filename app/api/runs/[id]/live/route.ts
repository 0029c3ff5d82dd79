// GET /api/runs/:id/live - Server-Sent Events for a provisioning run's page:
// one "state" event a second while the job is queued or running (job status,
// phases, new log chunks), then "done". Fed by polling PostgreSQL, so it works
// whichever worker runs the job; Last-Event-ID resumes the log after a reconnect.
import { AppError } from "@/lib/errors";
import { readerRoute } from "@/lib/http/session-route";
import { getLiveRun } from "@/lib/runner/get-live-run";

export const dynamic = "force-dynamic";

const FINAL = new Set(["succeeded", "failed", "cancelled", "timed_out"]);

export const GET = readerRoute<{ id: string }>(async ({ req, params: { id }, scope }) => {
  const first = await getLiveRun(id, null, scope);
  if (!first) throw new AppError("not_found", "This run has no provisioning job");
  const lastId = Number(req.headers.get("last-event-id"));
  let after = Number.isInteger(lastId) && lastId > 0 ? lastId : null;
  const enc = new TextEncoder();
  let closed = false;
  const stream = new ReadableStream({
    async start(controller) {
      const send = (event: string, data: unknown, eventId?: number) =>
        controller.enqueue(enc.encode(`${eventId !== undefined ? `id: ${eventId}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      try {
        let state = after === null ? first : await getLiveRun(id, after, scope);
        for (;;) {
          if (closed || !state) break;
          if (state.logs.length) after = state.logs[state.logs.length - 1].seq;
          send("state", state, after ?? undefined);
          if (FINAL.has(state.job.status)) {
            send("done", { status: state.job.status });
            break;
          }
          await new Promise((r) => setTimeout(r, 1000));
          state = await getLiveRun(id, after ?? 0, scope);
        }
      } catch {
        /* client gone or database error: the browser reconnects */
      }
      if (!closed) controller.close();
    },
    cancel() {
      closed = true;
    },
  });
  req.signal.addEventListener("abort", () => (closed = true));
  return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", connection: "keep-alive" } });
});
