// POST /api/v1/ingest - one-shot multipart: "metadata" (JSON), optional "phases" (JSON), report files
import { assertProject } from "@/lib/auth/authenticate-token";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { apiRoute } from "@/lib/http/api-handler";
import { mediaType, parseJsonText } from "@/lib/http/read-body";
import { readMultipart } from "@/lib/http/read-multipart";
import { runToJson } from "@/lib/queries/get-run";
import { phasesPayloadSchema } from "@/lib/schemas/phases";
import { oneShotMetadataSchema } from "@/lib/schemas/run";
import { parseOrThrow } from "@/lib/schemas/validation";
import { ingestOneShot } from "@/lib/services/ingest-one-shot";

export const dynamic = "force-dynamic";

function jsonPart(text: string | undefined, name: string): unknown {
  return text === undefined ? undefined : parseJsonText(text, `Part "${name}"`);
}

export const POST = apiRoute(async ({ req, principal }) => {
  if (mediaType(req) !== "multipart/form-data") {
    throw new AppError("unsupported_media_type", "Send multipart/form-data with a metadata part and report files");
  }
  const { fields, files } = await readMultipart(req, env().RUNBOARD_MAX_UPLOAD_BYTES);
  // phases may come as a field or as a file part named "phases"
  const phasesFile = files.find((f) => f.field === "phases");
  const metadata = parseOrThrow(oneShotMetadataSchema, jsonPart(fields.metadata, "metadata") ?? {}, "metadata");
  assertProject(principal, metadata.project);
  const phasesRaw = fields.phases ?? phasesFile?.bytes.toString("utf8");
  const phases = phasesRaw === undefined ? undefined : parseOrThrow(phasesPayloadSchema, jsonPart(phasesRaw, "phases"), "phases");
  const reportFiles = files.filter((f) => f !== phasesFile);
  const out = await ingestOneShot({ projectId: principal.projectId, metadata, phases, files: reportFiles,
    source: req.headers.get("user-agent")?.startsWith("runboard-cli") ? "cli" : "api",
  });
  const run = runToJson(out.run);
  return Response.json(
    { ...run, reports: out.reports.map((o, i) => ({ id: o.reportId, filename: reportFiles[i].filename, duplicate: o.duplicate, cases: o.cases, warnings: o.warnings })) },
    { status: out.created ? 201 : 200 },
  );
});
