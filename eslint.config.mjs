import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// House rules the linter enforces (issue #19). lib/ops/lint-rules.test.ts lints
// a deliberate violation of each and expects it to fail.
//
// Import boundaries, by folder:
// - app/ and components/ read through lib/queries and write through services or
//   actions: never lib/db or the generated Prisma client, and never a service's
//   internals (the helpers the verb-first service files are built from).
// - lib/ingest and lib/analysis are pure: no database, no services, no queries.
// - *.test-support.ts files are imported by tests only.
// no-console in lib/: logs go through pino (lib/log.ts); what a command says to
// a person goes through lib/cli/io.ts (processIo). Benchmarks print their
// tables with console (their output is the report) and tests may print notes.

const TESTS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "lib/testing/**"];

/** `@/lib/<name>` or a relative path that climbs to lib/<name>. */
const libModule = (name) => `^(@/lib/|(\\.\\./)+(lib/)?)${name}(/.*)?$`;

const DB = { regex: libModule("(db|generated)"), message: "Read through lib/queries (pages, components) or write through a service; never lib/db or the Prisma client here." };
// What a service is built from; app/ calls the verb-first service files (create-run.ts, ...).
const SERVICE_INTERNALS = ["sql", "copy-binary", "result-writer", "spec-identity-cache", "upsert-test-cases", "refresh-run-summary", "refresh-requirement-outcomes"];
const SERVICES_INTERNAL = {
  regex: libModule(`services/(${SERVICE_INTERNALS.join("|")})`),
  message: "app/ and components/ call a service's entry function (a verb-first file), not the helpers it is built from.",
};
const PURE = {
  regex: `${libModule("(db|generated|services|queries|actions|jobs|worker)")}|^(pg|pg-copy-streams|@prisma/.*)$`,
  message: "lib/ingest and lib/analysis are pure: text or rows in, values out. Reach the database from lib/queries or lib/services.",
};
const TEST_SUPPORT = { regex: "\\.test-support$", message: "Test support code is for tests only." };

const restrict = (...patterns) => ["error", { patterns }];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".data/**", "lib/generated/**", "tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  { files: ["**/*.{ts,tsx,mjs,js}"], ignores: TESTS, rules: { "no-restricted-imports": restrict(TEST_SUPPORT) } },
  { files: ["app/**", "components/**"], ignores: TESTS, rules: { "no-restricted-imports": restrict(DB, SERVICES_INTERNAL, TEST_SUPPORT) } },
  // Token revocation and role changes move into services on branch `roles` (issue #19): drop this block when it merges.
  {
    files: ["app/api/admin/users/[[]id]/route.ts", "app/api/projects/[[]project]/tokens/[[]id]/route.ts"],
    rules: { "no-restricted-imports": restrict(SERVICES_INTERNAL, TEST_SUPPORT) },
  },
  { files: ["lib/ingest/**", "lib/analysis/**"], ignores: TESTS, rules: { "no-restricted-imports": restrict(PURE, TEST_SUPPORT) } },
  { files: ["lib/**"], ignores: [...TESTS, "lib/bench/**"], rules: { "no-console": "error" } },
];

export default config;
