// `runboard project create`, `member add|list|remove` and `user create --project`
// against a real database: the admin path for project roles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMemberships } from "@/lib/auth/project-access";
import { main } from "@/lib/cli/main";
import { db, disconnectDb } from "@/lib/db";

async function runCli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { DATABASE_URL: process.env.DATABASE_URL! }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

beforeAll(async () => {
  await db().team.create({ data: { slug: "cli-team", name: "CLI team" } });
});
afterAll(() => disconnectDb());

describe("runboard project create and member", () => {
  it("creates a project once, then gives people and teams roles in it, lists and removes them", async () => {
    expect((await runCli(["project", "create", "--project", "cli-roles", "--name", "CLI roles"])).stdout).toContain("Created project cli-roles");
    const again = await runCli(["project", "create", "--project", "cli-roles"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists already");

    const made = await runCli(["user", "create", "--email", "m@cli-roles.test", "--name", "Mo", "--role", "triager", "--project", "cli-roles"]);
    expect(made.stdout).toContain("Created m@cli-roles.test (triager in cli-roles).");
    const user = await db().user.findUniqueOrThrow({ where: { email: "m@cli-roles.test" } });
    const project = await db().project.findUniqueOrThrow({ where: { slug: "cli-roles" } });
    expect(user.role).toBe("viewer"); // a member: the role lives in the project
    expect((await findMemberships(user.id)).get(project.id)).toBe("triager");

    expect((await runCli(["member", "add", "--project", "cli-roles", "--team", "@cli-team", "--role", "lead"])).stdout).toContain("@cli-team is lead in cli-roles.");
    await db().teamMember.create({ data: { teamId: (await db().team.findUniqueOrThrow({ where: { slug: "cli-team" } })).id, userId: user.id } });
    expect((await findMemberships(user.id)).get(project.id)).toBe("lead"); // the team's role is higher

    const list = await runCli(["member", "list", "--project", "cli-roles"]);
    expect(list.stdout.split("\n")).toEqual(["@cli-team\tlead\tCLI team", "m@cli-roles.test\ttriager\tMo"]);
    expect((await runCli(["member", "remove", "--project", "cli-roles", "--team", "cli-team"])).code).toBe(0);
    expect((await findMemberships(user.id)).get(project.id)).toBe("triager");
    const missing = await runCli(["member", "remove", "--project", "cli-roles", "--team", "cli-team"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("is not a member of cli-roles");
  });

  it("refuses a project role for an unknown project, person or role", async () => {
    expect((await runCli(["member", "add", "--project", "nope-project", "--email", "m@cli-roles.test", "--role", "viewer"])).stderr).toContain('Project "nope-project" does not exist');
    expect((await runCli(["member", "add", "--project", "cli-roles", "--email", "ghost@cli-roles.test", "--role", "viewer"])).stderr).toContain("No user ghost@cli-roles.test");
    expect((await runCli(["member", "add", "--project", "cli-roles", "--email", "m@cli-roles.test", "--role", "admin"])).code).toBe(1);
    expect((await runCli(["user", "create", "--email", "x@cli-roles.test", "--name", "X", "--role", "viewer", "--project", "nope-project"])).stderr).toContain("No project nope-project");
    expect(await db().user.count({ where: { email: "x@cli-roles.test" } })).toBe(0);
  });
});
