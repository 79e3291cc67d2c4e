// `npm run db:migrate` — apply prisma/migrations to the configured database (embedded by default),
// then (unless --no-seed) seed it. Exits non-zero with a one-line reason when the database is unusable.
import { databaseTarget } from "@/server/db";
import { describeTarget, openDatabase } from "@/server/database";
import { migrate } from "@/server/migrate";
import { seed } from "@/server/seed";

const withSeed = process.argv.includes("--seed");
try {
  const target = databaseTarget();
  const db = await openDatabase(target);
  try {
    const ran = await migrate(db.sql);
    console.log(`[db] ${describeTarget(target)}: ${ran.length ? `applied ${ran.join(", ")}` : "up to date"}`);
    if (withSeed) {
      const n = await seed(db.prisma);
      console.log(`[db] seed: ${n} demo account(s) created`);
    }
    // End-to-end runs only: signed-in test users (tests/e2e/sessions.ts).
    const e2eSecret = process.env.E2E_SESSION_SECRET;
    if (e2eSecret) {
      const { seedE2eSessions } = await import("../tests/e2e/sessions");
      console.log(`[db] e2e: ${await seedE2eSessions(db.prisma, e2eSecret)} test session(s) created`);
    }
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(`[db] ${(e as Error).message}`);
  process.exit(1);
}
