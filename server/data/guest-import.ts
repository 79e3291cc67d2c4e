import "server-only";
import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { getPrisma } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { scheduleReviews } from "@/server/data/review-cards";
import { ItemResultsSchema } from "@/lib/schemas/attempt";

/**
 * What a guest browser did before signing up — quiz attempts, key-point self-grades, lab runs with their
 * predictions — is kept on the server under the SHA-256 of its guest cookie, offered on the dashboard
 * and imported into the account in one transaction (decision 023).
 *
 * Imported once: attempts and lab runs move with a conditional UPDATE (`user_id IS NULL`) and self-grades
 * leave with `DELETE … RETURNING`, so a double click or a second tab finds nothing left to take; only the
 * call that moved a row acts on it. Review cards are scheduled for the moved attempts as if they had been
 * submitted signed in, replayed at their own submit times.
 */

export type GuestOffer = { attempts: number; selfGrades: number; labRuns: number };
export type GuestImportResult = GuestOffer & { reviewCards: number };

export const GUEST_OFFER_EMPTY: GuestOffer = { attempts: 0, selfGrades: 0, labRuns: 0 };

export function offerIsEmpty(o: GuestOffer): boolean {
  return o.attempts + o.selfGrades + o.labRuns === 0;
}

/** What this guest browser holds that an account could import. */
export async function getGuestOffer(guestKeyHash: string): Promise<GuestOffer> {
  const prisma = await getPrisma();
  const [attempts, selfGrades, labRuns] = await Promise.all([
    prisma.quizAttempt.count({ where: { userId: null, guestKeyHash } }),
    prisma.guestQuestionProgress.count({ where: { guestKeyHash } }),
    prisma.labRun.count({ where: { userId: null, guestKeyHash } }),
  ]);
  return { attempts, selfGrades, labRuns };
}

const SelfGradesSchema = z.record(text(), z.unknown());

type GuestGradeRow = { question_slug: string; key_points_hit: number[] | null; key_points_total: number; self_graded_at: Date };

/** Move everything of this guest browser into the user's account. Safe to call any number of times, concurrently. */
export async function importGuestData(userId: string, guestKeyHash: string): Promise<GuestImportResult> {
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // One attempt in progress per question: a guest's open attempt for a question the user already has
    // open stays with the guest (it is still offered, and imports once the user's own is submitted).
    // (Per context: a guest's open attempt in a set does not collide with the user's personal one.)
    const open = await tx.quizAttempt.findMany({
      where: { userId, status: "in_progress" },
      select: { questionSlug: true, contextType: true, contextId: true },
    });
    const moved = await tx.quizAttempt.updateManyAndReturn({
      where: { userId: null, guestKeyHash, ...(open.length ? { NOT: { status: "in_progress", OR: open } } : {}) },
      data: { userId, guestKeyHash: null },
      select: { questionSlug: true, status: true, submittedAt: true, results: true, selfGrades: true },
    });
    let reviewCards = 0;
    const submitted = moved.filter((a) => a.status === "submitted" && a.submittedAt).sort((a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime());
    for (const a of submitted) {
      const results = ItemResultsSchema.safeParse(a.results);
      if (!results.success) continue;
      const graded = SelfGradesSchema.safeParse(a.selfGrades);
      // A free-text item counts once the guest graded it, exactly as when signed in.
      const due = results.data.filter((r) => r.correct !== "self-graded" || (graded.success && Object.hasOwn(graded.data, r.itemId)));
      reviewCards += await scheduleReviews(userId, a.questionSlug, due, a.submittedAt!, { includeSelfGraded: true, onlyIfNewer: true, db: tx });
    }

    const grades = await tx.$queryRaw<GuestGradeRow[]>`
      DELETE FROM guest_question_progress WHERE guest_key_hash = ${guestKeyHash}
      RETURNING question_slug, key_points_hit, key_points_total, self_graded_at`;
    for (const g of grades) await mergeSelfGrade(tx, userId, g);

    const labRuns = await tx.labRun.updateMany({ where: { userId: null, guestKeyHash }, data: { userId, guestKeyHash: null } });
    return { attempts: moved.length, selfGrades: grades.length, labRuns: labRuns.count, reviewCards };
  });
}

/** The newer self-grade of a question wins: the user's own, if made after the guest's. */
async function mergeSelfGrade(tx: Prisma.TransactionClient, userId: string, g: GuestGradeRow) {
  const key = { userId_questionSlug: { userId, questionSlug: g.question_slug } };
  const mine = await tx.questionProgress.findUnique({ where: key, select: { selfGradedAt: true } });
  if (mine?.selfGradedAt && mine.selfGradedAt >= g.self_graded_at) return;
  const data = { keyPointsHit: g.key_points_hit ?? [], keyPointsTotal: g.key_points_total, selfGradedAt: g.self_graded_at };
  await tx.questionProgress.upsert({ where: key, create: { userId, questionSlug: g.question_slug, revealedAt: g.self_graded_at, ...data }, update: data });
}
