// A benchmark user with a database session and an API token, created straight in the bench database
// (prints one JSON line). Run by tests/support/app-server.mts before the server opens the database.
import crypto from "node:crypto";
import { databaseTarget } from "@/server/db";
import { openDatabase } from "@/server/database";
import { TOKEN_PREFIX } from "@/server/data/api-tokens";
import { sha256Hex } from "@/server/tokens";

const db = await openDatabase(databaseTarget());
try {
  const email = `bench-${crypto.randomUUID()}@layerwise.test`;
  const user = await db.prisma.user.create({ data: { email, name: "Bench User" }, select: { id: true } });
  const sessionToken = crypto.randomBytes(32).toString("base64url");
  await db.prisma.session.create({ data: { sessionToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) } });
  const apiToken = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  await db.prisma.apiToken.create({ data: { userId: user.id, name: "bench", tokenHash: sha256Hex(apiToken) } });
  console.log(JSON.stringify({ userId: user.id, sessionToken, apiToken }));
} finally {
  await db.close();
}
