import { describe, expect, it } from "vitest";
import { computeRunStatus } from "./run-status";

const base = { finished: true, phaseStatuses: ["passed", "passed"], passed: 0, failed: 0, errored: 0, skipped: 0, pending: 0, muted: 0 };

describe("computeRunStatus", () => {
  it("calls the origin run (16 failed, 8 skipped, 0 passed) failed even when the caller claims success", () => {
    const v = computeRunStatus({ ...base, failed: 16, skipped: 8, claimed: "passed" });
    expect(v.status).toBe("failed");
    expect(v.setupOk).toBe(true);
    expect(v.reason).toBe("16 of 16 specs that ran failed");
  });
  it("reports a failed setup phase as errored, separately from tests", () => {
    const v = computeRunStatus({ ...base, phaseStatuses: ["passed", "failed"], passed: 3 });
    expect(v).toMatchObject({ status: "errored", setupOk: false });
  });
  it("does not let muted failures turn a run red", () => {
    expect(computeRunStatus({ ...base, passed: 5, failed: 1, muted: 1 }).status).toBe("passed");
  });
  it("is running until finished", () => {
    expect(computeRunStatus({ ...base, finished: false, passed: 1 }).status).toBe("running");
  });
  it("never trusts a success claim without evidence", () => {
    expect(computeRunStatus({ ...base, phaseStatuses: [], claimed: "passed" }).status).toBe("errored");
    expect(computeRunStatus({ ...base, skipped: 24, claimed: "passed" }).status).toBe("failed");
  });
});
