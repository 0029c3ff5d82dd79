// Prisma CLI configuration (used by `prisma generate`). Migrations do not go
// through the Prisma CLI here: see lib/ops/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
