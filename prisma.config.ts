// Prisma 7 CLI configuration. Only `prisma generate` is used (offline, see scripts/prisma-generate.mjs);
// migrations are SQL files applied by scripts/db-migrate.mts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://unused@localhost/unused" },
});
