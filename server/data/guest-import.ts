import "server-only";
import { getPrisma } from "@/server/db";

/** A guest browser's attempts (owned by the SHA-256 of its cookie), offered to the account that signs in on it. */

/** Add this browser's guest attempts to the user's account (offered after sign-in). Returns how many moved. */
export async function claimGuestAttempts(userId: string, guestKeyHash: string): Promise<number> {
  const prisma = await getPrisma();
  const busy = await prisma.quizAttempt.findMany({
    where: { userId, status: "in_progress" },
    select: { questionSlug: true, contextType: true, contextId: true },
  });
  // A guest attempt in progress for a question the user already has open in the same context stays with
  // the guest (one open attempt per question and context).
  const { count } = await prisma.quizAttempt.updateMany({
    where: { userId: null, guestKeyHash, ...(busy.length ? { NOT: { status: "in_progress", OR: busy } } : {}) },
    data: { userId, guestKeyHash: null },
  });
  return count;
}

export async function countGuestAttempts(guestKeyHash: string): Promise<number> {
  const prisma = await getPrisma();
  return prisma.quizAttempt.count({ where: { userId: null, guestKeyHash } });
}
