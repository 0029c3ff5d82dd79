import { describe, expect, it } from "vitest";
import { type ExitFacts, classifyExit } from "@/lib/runner/exit-outcome";

const facts = (f: Partial<ExitFacts>): ExitFacts => ({
  stop: null, timedOut: false, dropped: false, code: 0, signal: null, elapsedMs: 12_340, command: "make e2e",
  timeoutSec: 60, workingDir: "/srv/e2e", host: { name: "kind-1", address: "10.0.0.5:22" }, ...f,
});

describe("classifyExit", () => {
  it("exit 0 succeeds, closes open phases as passed and collects reports", () => {
    expect(classifyExit(facts({}))).toEqual({ outcome: { status: "succeeded", message: null, exitCode: 0 }, closePhases: "passed", collectReports: true });
  });

  it("a non-zero exit fails but still collects the reports of the failing specs", () => {
    expect(classifyExit(facts({ code: 2 }))).toEqual({
      outcome: { status: "failed", message: "The command exited with code 2 after 12.3 s", exitCode: 2 }, closePhases: "failed", collectReports: true,
    });
  });

  it("names the missing command, the missing directory and the signal", () => {
    expect(classifyExit(facts({ code: 127, lastStderr: "sh: mak: not found" })).outcome.message).toBe("Command not found (exit 127): sh: mak: not found");
    expect(classifyExit(facts({ code: 97 })).outcome.message).toBe("The working directory /srv/e2e does not exist on kind-1");
    expect(classifyExit(facts({ code: 97, workingDir: null })).outcome.message).toBe("The command exited with code 97 after 12.3 s");
    const killed = classifyExit(facts({ code: null, signal: "SIGKILL" }));
    expect(killed).toMatchObject({ outcome: { status: "failed", message: "The command was killed by signal SIGKILL after 12.3 s" }, collectReports: false });
  });

  it("a stop by Runboard wins over the exit code: cancel, time limit, shutdown, dropped connection", () => {
    expect(classifyExit(facts({ stop: "cancel", code: 143 }))).toMatchObject({ outcome: { status: "cancelled", exitCode: 143 }, closePhases: "cancelled", collectReports: false });
    expect(classifyExit(facts({ timedOut: true, code: 143 })).outcome).toEqual({ status: "timed_out", message: "Timed out after 60 s (the template's limit); the remote command was stopped", exitCode: 143 });
    expect(classifyExit(facts({ stop: "shutdown", code: 0 })).outcome.status).toBe("failed");
    expect(classifyExit(facts({ dropped: true, code: null, droppedNote: "its process group was stopped" })).outcome.message)
      .toBe("The SSH connection to 10.0.0.5:22 dropped mid-run (after 12.3 s); its process group was stopped");
  });
});
