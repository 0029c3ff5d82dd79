// Ownership rules in the ingest: a new triage item goes to the owner of the
// first matching rule (a person or a team), its history names the rule; the
// rest stay unowned and show under the "unowned" filter; "My work" lists a
// person's and their teams' items with age against the project's limit. The
// OWNERS import through the real CLI stores all rules or none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { parseReport } from "@/lib/ingest/parse-report";
import { parseOwnersFile } from "@/lib/ownership/owners-file";
import { listRules, replaceRules } from "@/lib/ownership/rules";
import { addTeamMember, createTeam } from "@/lib/ownership/teams";
import { findMyWork } from "@/lib/queries/find-my-work";
import { findTriageItems } from "@/lib/queries/find-triage-items";
import { createRun } from "@/lib/services/create-run";
import { ensureProject } from "@/lib/services/get-project";
import { ingestReport } from "@/lib/services/ingest-report";
import { cleanCliEnv, runCliProcess } from "@/lib/testing/run-cli";

afterAll(() => disconnectDb());

let seq = 0;

async function upload(slug: string, failing: string[], startedAt = new Date(Date.now() - 3_600_000 + ++seq * 1000)) {
  const { project } = await ensureProject(slug);
  const { run } = await createRun(project.id, { project: slug, mode: "parallel", startedAt: startedAt.toISOString() });
  const cases = failing.map((n) => `<testcase name="${n}" classname="e2e/payments/refund.spec.ts" time="1"><failure message="boom">x</failure></testcase>`);
  const raw = new TextEncoder().encode(`<?xml version="1.0"?><testsuites><testsuite name="S">${cases.join("")}</testsuite></testsuites>`);
  await ingestReport({ runId: run.id, report: await parseReport(raw), raw, filename: "junit.xml" });
  return project;
}

const item = (name: string) =>
  db().triageItem.findFirstOrThrow({ where: { testCase: { name } }, include: { assignee: true, ownerTeam: true, events: { orderBy: { createdAt: "asc" } } } });

/** A triager of these projects (an owner must be able to triage where the rule assigns). */
async function user(email: string, name: string, ...projects: string[]) {
  const u = await db().user.create({ data: { email, name } });
  for (const slug of projects) await db().projectMember.create({ data: { projectId: (await ensureProject(slug)).project.id, userId: u.id, role: "triager" } });
  return u;
}

// RUNBOARD_* of the parent must not steer the CLI
const runCli = (args: string[]) => runCliProcess(args, { env: cleanCliEnv() });

describe("ownership rules", () => {
  it("assigns new items by the first matching rule, names the rule, and leaves the rest unowned", async () => {
    const alice = await user("alice@own.test", "Alice Owner", "owners-a", "owners-d");
    const bob = await user("bob@own.test", "Bob Member", "owners-a");
    await createTeam("gateway", "Gateway team");
    await addTeamMember("gateway", "bob@own.test");
    const { project } = await ensureProject("owners-a");
    await replaceRules(project.id, parseOwnersFile(`requirement:BR-GATEWAY-0*  @gateway\nspec:*upload*  alice@own.test\nfile:e2e/payments/**  bob@own.test\n`).rules);

    await upload("owners-a", ["[It] rejects input BR-GATEWAY-024", "[It] retries an upload BR-GATEWAY-018", "[It] uploads twice DD-OTHER-1", "[It] other"]);
    const team = await item("[It] rejects input BR-GATEWAY-024");
    expect(team.ownerTeam?.slug).toBe("gateway");
    expect(team.assigneeId).toBeNull();
    expect(team.events.map((e) => [e.kind, e.toValue, e.comment])).toEqual([
      ["created", "new", "First failure"],
      ["assignee", "Gateway team (team)", "Ownership rule 1: requirement:BR-GATEWAY-0*"],
    ]);
    expect((await item("[It] retries an upload BR-GATEWAY-018")).ownerTeam?.slug).toBe("gateway"); // rule 1 before rule 2
    const up = await item("[It] uploads twice DD-OTHER-1");
    expect(up.assignee?.id).toBe(alice.id);
    expect(up.events[1].comment).toBe("Ownership rule 2: spec:*upload*");
    // rule 3 matches the classname (a file path in this dialect): owned by bob
    expect((await item("[It] other")).assignee?.id).toBe(bob.id);

    // a rule added later owns only new items: the existing ones keep their owner
    await replaceRules(project.id, parseOwnersFile("spec:*  alice@own.test\n").rules);
    await upload("owners-a", ["[It] rejects input BR-GATEWAY-024", "[It] brand new"]);
    expect((await item("[It] rejects input BR-GATEWAY-024")).ownerTeam?.slug).toBe("gateway");
    expect((await item("[It] brand new")).assignee?.id).toBe(alice.id);
  });

  it("skips a rule whose person left the project: the next matching rule owns the item", async () => {
    const erin = await user("erin@own.test", "Erin Leaver", "owners-e");
    const frank = await user("frank@own.test", "Frank Stays", "owners-e");
    const { project } = await ensureProject("owners-e");
    await replaceRules(project.id, parseOwnersFile("spec:*checkout*  erin@own.test\nspec:*  frank@own.test\n").rules);
    await upload("owners-e", ["[It] checkout before leaving"]);
    expect((await item("[It] checkout before leaving")).assignee?.id).toBe(erin.id);

    await db().projectMember.deleteMany({ where: { projectId: project.id, userId: erin.id } });
    await upload("owners-e", ["[It] checkout after leaving"]);
    const after = await item("[It] checkout after leaving");
    expect(after.assignee?.id).toBe(frank.id);
    expect(after.events[1].comment).toBe("Ownership rule 2: spec:*");
  });

  it("shows items without a person or team under the unowned filter", async () => {
    const { project } = await ensureProject("owners-b");
    await replaceRules(project.id, parseOwnersFile("requirement:BR-PAY-*  @gateway\n").rules);
    await upload("owners-b", ["[It] pays BR-PAY-001", "[It] nobody's"]);
    const { rows } = await findTriageItems({ project: "owners-b", assignee: "none" });
    expect(rows.map((r) => r.specName)).toEqual(["[It] nobody's"]);
    const { rows: byTeam } = await findTriageItems({ project: "owners-b", team: "gateway" });
    expect(byTeam.map((r) => [r.specName, r.ownerTeamName])).toEqual([["[It] pays BR-PAY-001", "Gateway team"]]);
  });

  it("lists my items and my team's with their age, marking those past the project's limit", async () => {
    const carol = await user("carol@own.test", "Carol", "owners-c");
    await addTeamMember("gateway", "carol@own.test");
    const { project } = await ensureProject("owners-c");
    await db().project.update({ where: { id: project.id }, data: { maxOpenDays: 2 } });
    await replaceRules(project.id, parseOwnersFile("spec:*old*  carol@own.test\nspec:*  @gateway\n").rules);
    await upload("owners-c", ["[It] old one"], new Date(Date.now() - 5 * 86_400_000));
    await upload("owners-c", ["[It] fresh one"]);
    const work = await findMyWork(carol.id);
    const mine = work.mine.filter((r) => r.projectSlug === "owners-c");
    expect(mine.map((r) => [r.specName, r.ageDays, r.overdue])).toEqual([["[It] old one", 5, true]]);
    const team = work.team.filter((r) => r.projectSlug === "owners-c");
    expect(team.map((r) => [r.specName, r.ageDays, r.overdue, r.via])).toEqual([["[It] fresh one", 0, false, "Gateway team"]]);
    expect(work.teams).toEqual(["Gateway team"]);
  });

  it("imports an OWNERS file with the CLI: all rules, or none with the bad lines named", async () => {
    const { project } = await ensureProject("owners-d");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "owners-"));
    const good = path.join(dir, "OWNERS");
    fs.writeFileSync(good, "# gateway\nrequirement:BR-GATEWAY-0*  @gateway\nspec:*upload*  alice@own.test\n");
    const ok = await runCli(["owners", "import", "--project", "owners-d", good]);
    expect(ok.stdout).toContain("Imported 2 ownership rules into project owners-d");
    expect(ok.code).toBe(0);

    const bad = path.join(dir, "OWNERS.bad");
    fs.writeFileSync(bad, "spec:*  nobody@own.test\nrequirement:X-*  @no-such-team\n");
    const refused = await runCli(["owners", "import", "--project", "owners-d", bad]);
    expect(refused.code).toBe(1);
    // a person who cannot triage in the project owns nothing there
    const stranger = await runCli(["owners", "import", "--project", "owners-c", good]);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("alice@own.test cannot triage in this project");
    expect(refused.stderr).toContain("line 1: unknown user nobody@own.test");
    expect(refused.stderr).toContain("line 2: unknown team @no-such-team");
    expect((await listRules(project.id)).map((r) => `${r.kind}:${r.pattern}`)).toEqual(["requirement:BR-GATEWAY-0*", "spec:*upload*"]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
