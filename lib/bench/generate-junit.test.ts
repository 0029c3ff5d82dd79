import { describe, expect, it } from "vitest";
import { parseJunit } from "@/lib/ingest/junit/parse-junit";
import { generateJunit } from "./generate-junit";

describe("generateJunit", () => {
  it("produces a valid report with the requested number of cases and a realistic mix", async () => {
    const r = await parseJunit(generateJunit(1000));
    expect(r.totals.tests).toBe(1000);
    expect(r.totals.failed).toBeGreaterThan(20);
    expect(r.totals.failed).toBeLessThan(90);
    expect(r.totals.skipped).toBeGreaterThan(10);
  });
});
