import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: "unit" (pure code, no I/O besides reading fixture files) and
// "db" (real PostgreSQL; lib/testing/db-global-setup.ts provides a fresh database).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts?(x)"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts"],
          environment: "node",
          globalSetup: ["lib/testing/db-global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
