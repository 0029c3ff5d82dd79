// The house rules in eslint.config.mjs, proven by linting deliberate
// violations through ESLint's Node API with the project's own config. Each
// source is linted as if it were a file at the given path (nothing is written).
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The rule ids that fail for `code` placed at `filePath`. */
async function failures(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

const useDb = `import { db } from "@/lib/db";\nexport const n = () => db().run.count();\n`;

describe("import boundaries", { timeout: 60_000 }, () => {
  it("a page, a route or a component that imports lib/db fails", async () => {
    expect(await failures("app/runs/lint-probe/page.tsx", useDb)).toEqual(["no-restricted-imports"]);
    expect(await failures("app/api/v1/lint-probe/route.ts", useDb)).toEqual(["no-restricted-imports"]);
    expect(await failures("components/runs/lint-probe.tsx", useDb)).toEqual(["no-restricted-imports"]);
    expect(await failures("app/runs/lint-probe/page.tsx", `import type { Run } from "@/lib/generated/prisma/client";\nexport type R = Run;\n`)).toEqual(["no-restricted-imports"]);
  });

  it("the same import in a query passes", async () => {
    expect(await failures("lib/queries/lint-probe.ts", useDb)).toEqual([]);
  });

  it("app/ may call a service's entry function, not the helpers it is built from", async () => {
    expect(await failures("app/api/v1/lint-probe/route.ts", `import { createRun } from "@/lib/services/create-run";\nexport const f = createRun;\n`)).toEqual([]);
    expect(await failures("app/api/v1/lint-probe/route.ts", `import { withTransaction } from "@/lib/services/sql";\nexport const f = withTransaction;\n`)).toEqual(["no-restricted-imports"]);
  });

  it("lib/ingest and lib/analysis reach no database, service or query, by alias or relative path", async () => {
    for (const source of ["@/lib/db", "@/lib/services/finish-run", "@/lib/queries/find-runs", "../../db", "pg"]) {
      const code = `import * as m from "${source}";\nexport const x = m;\n`;
      expect(await failures("lib/analysis/timing/lint-probe.ts", code), source).toEqual(["no-restricted-imports"]);
      expect(await failures("lib/ingest/lint-probe.ts", code), source).toEqual(["no-restricted-imports"]);
    }
    expect(await failures("lib/analysis/lint-probe.ts", `import { isUuid } from "@/lib/schemas/uuid";\nexport const f = isUuid;\n`)).toEqual([]);
  });

  it("test support code is imported by tests only", async () => {
    const code = `import { pairCountU } from "./brute-force-reference.test-support";\nexport const f = pairCountU;\n`;
    expect(await failures("lib/analysis/timing/lint-probe.ts", code)).toEqual(["no-restricted-imports"]);
    expect(await failures("lib/analysis/timing/lint-probe.test.ts", code)).toEqual([]);
  });
});

describe("no-console in lib/", { timeout: 60_000 }, () => {
  const code = `export function f() {\n  console.log("x");\n}\n`;
  it("fails in services, the runner and the CLI; logs go through lib/log.ts, words for a person through lib/cli/io.ts", async () => {
    for (const file of ["lib/services/lint-probe.ts", "lib/runner/lint-probe.ts", "lib/cli/lint-probe.ts", "lib/ops/lint-probe.ts"]) {
      expect(await failures(file, code), file).toEqual(["no-console"]);
    }
  });

  it("passes in a benchmark, whose printed table is its output", async () => {
    expect(await failures("lib/bench/lint-probe.ts", code)).toEqual([]);
  });
});
