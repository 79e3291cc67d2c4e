import "server-only";
import type { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { notFound } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { QuizItemSchema, type QuizItem } from "@/lib/schemas/quiz";
import { ItemResultsSchema } from "@/lib/schemas/attempt";
import type { ItemResult } from "@/lib/quiz";

/**
 * What every attempt module shares: the row, who owns it, which context it is in, and its JSON columns
 * parsed. Every query of an attempt goes through `ownerWhere` (own rows) or through the context's
 * permission check (server/permissions); another's attempt reads as "not found" (docs/ACCESS.md).
 */

export type AttemptRow = Prisma.QuizAttemptGetPayload<object>;

export function ownerWhere(actor: QuizActor) {
  return actor.kind === "user" ? { userId: actor.userId } : { userId: null, guestKeyHash: actor.guestKeyHash };
}

export function ownerData(actor: QuizActor) {
  return actor.kind === "user" ? { userId: actor.userId } : { guestKeyHash: actor.guestKeyHash };
}

/**
 * Whose work an attempt is part of: personal practice, or a set's (later, a cohort assignment's). The
 * owner always owns the attempt; the context decides who else may read it (server/permissions).
 */
export type AttemptContext = { type: "personal" } | { type: "set"; id: string };
export type SharedContext = Exclude<AttemptContext, { type: "personal" }>;
export const PERSONAL: AttemptContext = { type: "personal" };

export function contextWhere(context: AttemptContext) {
  return context.type === "personal" ? { contextType: "personal", contextId: null } : { contextType: context.type, contextId: context.id };
}

/** The owner's open attempt on a question in one context: at most one (a partial unique index). */
export async function findOpenRow(actor: QuizActor, slug: string, context: AttemptContext): Promise<AttemptRow | null> {
  const prisma = await getPrisma();
  return prisma.quizAttempt.findFirst({ where: { ...ownerWhere(actor), questionSlug: slug, status: "in_progress", ...contextWhere(context) } });
}

export async function loadOwn(actor: QuizActor, id: string): Promise<AttemptRow> {
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({ where: { id, ...ownerWhere(actor) } });
  if (!row) throw notFound("That attempt");
  return row;
}

const ItemsSnapshotSchema = QuizItemSchema.array();

export function snapshotOf(row: AttemptRow): QuizItem[] {
  return ItemsSnapshotSchema.parse(row.itemsSnapshot);
}

export function resultsOf(row: Pick<AttemptRow, "results">): ItemResult[] {
  return ItemResultsSchema.parse(row.results ?? []);
}

export function recordOf(json: unknown): Record<string, unknown> {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

export function answersOf(row: AttemptRow): Record<string, unknown> {
  return recordOf(row.answers);
}

/**
 * A value for a JSON column. Prisma's input type cannot express "JSON-serialisable object with optional
 * fields", so the one cast lives here; every value passed is a plain object built from parsed data.
 */
export function asJson(value: object): Prisma.InputJsonValue {
  return value;
}
