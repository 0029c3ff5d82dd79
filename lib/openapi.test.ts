import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi";

describe("OpenAPI document", () => {
  it("describes the request bodies from the zod schemas the routes use", () => {
    const doc = buildOpenApi();
    const createRun = doc.components.schemas.CreateRun as unknown as { properties: Record<string, unknown>; required: string[] };
    expect(createRun.required).toEqual(expect.arrayContaining(["project", "mode"]));
    expect(Object.keys(createRun.properties)).toEqual(expect.arrayContaining(["externalId", "branch", "commit", "ciUrl", "startedAt", "labels"]));
    const phases = doc.components.schemas.Phases as unknown as { properties: { phases: { items: { properties: Record<string, unknown> } } } };
    expect(Object.keys(phases.properties.phases.items.properties)).toEqual(
      expect.arrayContaining(["name", "startedAt", "finishedAt", "durationMs", "status", "parent", "group", "attributes"]),
    );
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/runs", "/api/v1/runs/{id}/junit", "/api/v1/runs/{id}/phases", "/api/v1/runs/{id}/finish", "/api/v1/ingest"]),
    );
  });
});
