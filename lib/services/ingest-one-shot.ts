// One-shot ingest: create (or find, by externalId) the run, record phases,
// attach reports and finish it, in one transaction. Everything is validated
// and parsed before the first write, so a bad part stores nothing. The parse
// waits for an ingest slot too (decision 26): under a CI flood, twenty reports
// parsed at once would hold up every page of the process.
import { AppError } from "@/lib/errors";
import type { PhasesPayload } from "@/lib/schemas/phases";
import type { OneShotMetadata } from "@/lib/schemas/run";
import { type ReportFile, parseReportFiles, storeReportFiles } from "@/lib/services/attach-reports";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { withIngestSlot } from "@/lib/services/ingest-slots";
import { recordPhases } from "@/lib/services/record-phases";
import { refreshRunSummary } from "@/lib/services/refresh-run-summary";
import { withTransaction } from "@/lib/services/sql";

export async function ingestOneShot(input: {
  projectId: string;
  metadata: OneShotMetadata;
  phases?: PhasesPayload;
  /** parsed in the slot; an unparsable file refuses the request before anything is stored */
  files: ReportFile[];
  /** where the run came from: "api", "cli", "runner" */
  source?: string;
}) {
  const { projectId, metadata } = input;
  if (!input.files.length && !input.phases) {
    throw new AppError("validation_failed", "Nothing to ingest", [{ path: "files", message: "send at least one report file or a phases part" }]);
  }
  return withIngestSlot(async () => {
    const parsed = input.files.length ? await parseReportFiles(input.files) : [];
    return withTransaction(async (client) => {
      const { run, created } = await createRun(projectId, metadata, input.source ?? "api", client);
      // the run's status, window and durations are worked out once, from all of it, at the end
      // (issue 17: each refresh is two round trips and a new version of the run row)
      if (input.phases) await recordPhases(run.id, input.phases.phases, projectId, client, { summary: false });
      const reports = await storeReportFiles(run.id, parsed, { projectId }, client);
      // the run as the API answers it, read by the summary's own update (it sees this transaction's writes)
      const answered = metadata.finish
        ? await finishRun(run.id, { finishedAt: metadata.finishedAt, status: metadata.status }, projectId, client, { oneRequest: true, answer: true })
        : await refreshRunSummary(client, run.id, { answer: true });
      return { runId: run.id, created, reports, run: answered!.run! };
    });
  });
}
