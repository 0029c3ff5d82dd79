// One-shot ingest: create (or find, by externalId) the run, record phases,
// attach reports and finish it, in one transaction. Everything is validated
// and parsed before the first write, so a bad part stores nothing.
import { AppError } from "@/lib/errors";
import type { PhasesPayload } from "@/lib/schemas/phases";
import type { OneShotMetadata } from "@/lib/schemas/run";
import { type ParsedFile, storeReportFiles } from "@/lib/services/attach-reports";
import { createRun } from "@/lib/services/create-run";
import { finishRun } from "@/lib/services/finish-run";
import { withIngestSlot } from "@/lib/services/ingest-slots";
import { recordPhases } from "@/lib/services/record-phases";
import { withTransaction } from "@/lib/services/sql";

export async function ingestOneShot(input: {
  projectId: string;
  metadata: OneShotMetadata;
  phases?: PhasesPayload;
  files: ParsedFile[];
  /** where the run came from: "api", "cli", "runner" */
  source?: string;
}) {
  const { projectId, metadata } = input;
  if (!input.files.length && !input.phases) {
    throw new AppError("validation_failed", "Nothing to ingest", [{ path: "files", message: "send at least one report file or a phases part" }]);
  }
  return withIngestSlot(() => withTransaction(async (client) => {
    const { run, created } = await createRun(projectId, metadata, input.source ?? "api", client);
    if (input.phases) await recordPhases(run.id, input.phases.phases, projectId, client);
    const reports = await storeReportFiles(run.id, input.files, { projectId }, client);
    if (metadata.finish) await finishRun(run.id, { finishedAt: metadata.finishedAt, status: metadata.status }, projectId, client, { oneRequest: true });
    return { runId: run.id, created, reports };
  }));
}
