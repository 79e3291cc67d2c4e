import "server-only";
import type { PrismaClient } from "@/server/generated/prisma/client";
import { hashPassword } from "@/server/password";

/** Demo accounts the seed creates (named in the README). Idempotent: safe to run on every start. */
export const DEMO_ACCOUNTS = [
  { email: "candidate@layerwise.test", name: "Casey Candidate", password: "layerwise-demo-candidate" },
  { email: "manager@layerwise.test", name: "Morgan Manager", password: "layerwise-demo-manager" },
  { email: "instructor@layerwise.test", name: "Indra Instructor", password: "layerwise-demo-instructor" },
] as const;

export async function seed(prisma: PrismaClient): Promise<number> {
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const existing = await prisma.user.findUnique({ where: { email: a.email }, select: { id: true } });
    if (existing) continue;
    await prisma.user.create({ data: { email: a.email, name: a.name, passwordHash: await hashPassword(a.password) } });
    created++;
  }
  return created;
}
