// `npm run db:seed` — create the demo accounts (idempotent).
import { databaseTarget } from "@/server/db";
import { openDatabase } from "@/server/database";
import { seed } from "@/server/seed";

try {
  const db = await openDatabase(databaseTarget());
  try {
    console.log(`[db] seed: ${await seed(db.prisma)} demo account(s) created`);
  } finally {
    await db.close();
  }
} catch (e) {
  console.error(`[db] ${(e as Error).message}`);
  process.exit(1);
}
