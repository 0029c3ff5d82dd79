// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the
// routes validate with (zod's own JSON Schema output; OpenAPI 3.1 is JSON Schema).
import { z } from "zod";
import { phasesPayloadSchema } from "@/lib/schemas/phases";
import { runLogPayloadSchema } from "@/lib/schemas/run-log";
import { createRunSchema, finishRunSchema, oneShotMetadataSchema } from "@/lib/schemas/run";

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const errorBody = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        details: { oneOf: [{ type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } }, { type: "object" }] },
      },
    },
  },
};

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ERROR_TEXT[c], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed body (XML errors carry line and column; JSON nested deeper than 64 levels is refused)",
  401: "Missing, invalid or revoked token",
  403: "The token belongs to another project",
  404: "Unknown run",
  409: "Conflict with the resource's state (e.g. the run is finished)",
  413: "Body larger than the limit (counted after decompression; all files of a multipart request together)",
  415: "Unsupported content type or encoding",
  422: "Schema violation: details [{ path, message }]",
  503: "Database unavailable; retry",
};

const runId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const run = { description: "The run with totals and phases", content: { "application/json": { schema: { $ref: "#/components/schemas/Run" } } } };

export function buildOpenApi() {
  return {
    openapi: "3.1.0",
    info: { title: "Runboard API", version: "1", description: "CI uploads of JUnit reports and phase timings. Authenticate with `Authorization: Bearer <token>`." },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: {
        Error: errorBody,
        CreateRun: schema(createRunSchema),
        FinishRun: schema(finishRunSchema),
        Phases: schema(phasesPayloadSchema),
        RunLog: schema(runLogPayloadSchema),
        IngestMetadata: schema(oneShotMetadataSchema),
        Run: { type: "object", description: "id, project, mode, status (computed), setupOk, durations, totals, phases" },
      },
    },
    security: [{ bearer: [] }],
    paths: { ...listingPaths(), ...runPaths(), ...ingestPaths() },
  };
}

/** Listing runs, creating one, comparing runs and duration changes. */
function listingPaths() {
  return {
    "/api/v1/runs": {
      post: {
        summary: "Create a run (the same externalId returns the existing run)",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/CreateRun" } } } },
        responses: { "201": run, "200": run, ...errors(400, 401, 403, 415, 422, 503) },
      },
      get: {
        summary: "List the token's project's runs, newest first",
        parameters: ["limit", "cursor", "mode", "branch", "status"].map((name) => ({ name, in: "query", schema: { type: name === "limit" ? "integer" : "string" } })),
        responses: { "200": { description: "{ runs, nextCursor }" }, ...errors(401, 422) },
      },
    },
    "/api/v1/projects/{project}/duration-changes": {
      get: {
        summary: "Specs and phases whose duration changed most between the last `days` days and the `days` before (Hodges-Lehmann estimate, 95 % interval, n per side)",
        parameters: [
          { name: "project", in: "path", required: true, schema: { type: "string" } },
          ...["days", "mode", "branch", "until"].map((name) => ({ name, in: "query", schema: { type: name === "days" ? "integer" : "string" } })),
        ],
        responses: { "200": { description: "{ windows, runs, specs, phases }" }, ...errors(401, 403, 422) },
      },
    },
    "/api/v1/runs/compare": {
      get: {
        summary: "Run b against run a: outcome changes (new failures, fixed, still failing, newly skipped) with signatures, duration changes per spec and phase",
        parameters: ["a", "b"].map((name) => ({ name, in: "query", required: true, schema: { type: "string", format: "uuid" } })),
        responses: { "200": { description: "{ a, b, counts, changes, specDurations, phaseDurations }" }, ...errors(401, 403, 404, 422) },
      },
    },
  };
}

/** One run: read it, attach reports and phases, finish it, page its results. */
function runPaths() {
  return {
    "/api/v1/runs/{id}": { get: { summary: "One run", parameters: [runId], responses: { "200": run, ...errors(401, 403, 404) } } },
    "/api/v1/runs/{id}/junit": {
      post: {
        summary: "Attach JUnit XML or Ginkgo JSON report(s); re-sent content is stored once",
        parameters: [runId, { name: "filename", in: "query", schema: { type: "string" } }],
        requestBody: {
          required: true,
          content: {
            "application/xml": { schema: { type: "string" } },
            "application/json": { schema: { type: "array", description: "Ginkgo --json-report output" } },
            "multipart/form-data": { schema: { type: "object", properties: { junit: { type: "array", items: { type: "string", format: "binary" } } } } },
          },
        },
        responses: { "200": { description: "{ runId, status, totals, reports }" }, ...errors(400, 401, 403, 404, 413, 415, 422, 503) },
      },
    },
    "/api/v1/runs/{id}/phases": {
      post: {
        summary: "Record phase timings; a phase re-sent by name is updated",
        parameters: [runId],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Phases" } } } },
        responses: { "200": run, ...errors(400, 401, 403, 404, 415, 422) },
      },
    },
    "/api/v1/runs/{id}/log": {
      post: {
        summary: "Append output to a CI run's live log tail (runboard exec); only the newest 512 KB are kept; 409 once the run is finished",
        parameters: [runId],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/RunLog" } } } },
        responses: { "200": { description: "{ seq }: the number of the last chunk stored" }, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    "/api/v1/runs/{id}/finish": {
      post: {
        summary: "Close the run; its status is computed from results and phases",
        parameters: [runId],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/FinishRun" } } } },
        responses: { "200": run, ...errors(400, 401, 403, 404, 422) },
      },
    },
    "/api/v1/runs/{id}/results": {
      get: {
        summary: "A run's results",
        parameters: [runId, ...["status", "limit", "cursor"].map((name) => ({ name, in: "query", schema: { type: "string" } }))],
        responses: { "200": { description: "{ results, nextCursor }" }, ...errors(401, 403, 404, 422) },
      },
    },
  };
}

/** The one-shot upload. */
function ingestPaths() {
  return {
    "/api/v1/ingest": {
      post: {
        summary: "One shot: create or find the run, phases, reports and finish, in one transaction",
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["metadata"],
                properties: {
                  metadata: { $ref: "#/components/schemas/IngestMetadata" },
                  phases: { $ref: "#/components/schemas/Phases" },
                  junit: { type: "array", items: { type: "string", format: "binary" } },
                },
              },
            },
          },
        },
        responses: { "201": run, "200": run, ...errors(400, 401, 403, 413, 415, 422, 503) },
      },
    },
  };
}
