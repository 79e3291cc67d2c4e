import "server-only";
import { z } from "zod";
import { text } from "@/lib/schemas/input";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getQuizItemsWithKey } from "@/server/content";
import { DataError } from "@/server/data/errors";
import { closeAttempt, saveAnswers } from "@/server/data/attempts";
import type { SaveAnswersSchema, SubmitAttemptSchema } from "@/lib/schemas/attempt";
import { authorize, ownerOf, scopeIdsWhere, scopeNotFound, type Actor, type Owner } from "@/server/permissions";
import { createCapabilityLink, listCapabilityLinks, revokeCapabilityLink } from "@/server/permissions/capabilities";
import { createScopeOwner, deleteScopeAccess } from "@/server/permissions/memberships";
import {
  DEFAULT_SET_SETTINGS,
  GuestCandidateSchema,
  SetItemSchema,
  SetItemsSchema,
  SetSettingsSchema,
  SetTitleSchema,
  type SetItem,
  type SetSettings,
} from "@/lib/schemas/sets";
import { QuizItemSchema } from "@/lib/schemas/quiz";
import { createSeed, deadlineFor, gradeAttempt, presentQuiz, reviewItem, type ItemResult, type PublicQuizItem, type ReviewItem } from "@/lib/quiz";
import { renderMarkdown } from "@/lib/markdown";
import { reviewVisibility, setPhase, type ReviewVisibility } from "@/lib/sets/review-policy";
import { aggregateResults, resultsCsv, type LabRunSummary, type ResultsAttempt, type SetResults } from "@/lib/sets/results";
import { exportGift, importGift } from "@/lib/sets/gift";
import { exportSetMarkdown, importSetMarkdown } from "@/lib/sets/markdown-format";
import type { ConversionReport } from "@/lib/sets/report";
import { LabSettingsSchema, isLabPresetId } from "@/lib/lab/shared";
import { labHref } from "@/components/lab/lab-url"; // pure: the lab's own settings → URL

/**
 * Question sets (docs/SETS.md): the owner's side (build, share, results, import/export) and the candidate's
 * side (start through a share link, answer, submit, review per policy). Every function takes the actor and
 * calls `authorize` on the set's scope before reading it (docs/ACCESS.md); a denial reads as "not found".
 * Attempts are the quiz engine's own rows in the set's context, graded by it on the server from the items
 * snapshotted at start.
 */

const scope = (id: string) => ({ type: "set" as const, id });
const ID = text().min(1).max(100);
const ItemsJson = z.array(SetItemSchema);
const SnapshotSchema = z.array(QuizItemSchema);

/** A set's attempts all share one quiz slug, so one open attempt per candidate and set (the engine's index). */
const slugOf = (setId: string) => `set:${setId}`;

// ------------------------------------------------------------------------------------------ inputs

/** An item picked from the bank (a whole question's quiz, or one item of it) or written by the owner. */
export const ItemInputSchema = z.union([
  z.strictObject({ from: z.literal("bank"), slug: text().regex(/^[a-z0-9-]{1,100}$/), itemId: text().max(100).optional() }),
  z.strictObject({ from: z.literal("custom"), item: QuizItemSchema }),
  SetItemSchema,
]);
export type ItemInput = z.infer<typeof ItemInputSchema>;

export const SettingsInputSchema = SetSettingsSchema;

export const CreateSetSchema = z.strictObject({
  title: SetTitleSchema,
  items: z.array(ItemInputSchema).min(1).max(200),
  settings: SetSettingsSchema.optional(),
});
export const UpdateSetSchema = z.strictObject({
  title: SetTitleSchema.optional(),
  items: z.array(ItemInputSchema).min(1).max(200).optional(),
  settings: SetSettingsSchema.optional(),
});

/** Bank picks become copies (the set does not change when the bank does); ids made unique within the set. */
function resolveItems(inputs: readonly ItemInput[]): SetItem[] {
  const out: SetItem[] = [];
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  for (const input of inputs) {
    if ("from" in input && input.from === "bank") {
      const items = getQuizItemsWithKey(input.slug);
      if (!items) throw new DataError(`There is no question "${input.slug}" in the bank.`);
      const picked = input.itemId ? items.filter((i) => i.id === input.itemId) : items;
      if (!picked.length) throw new DataError(`The question "${input.slug}" has no quiz item "${input.itemId}".`);
      for (const item of picked) {
        out.push({
          item: { ...item, id: uniqueId(`${input.slug}-${item.id}`.slice(0, 90)) },
          origin: { kind: "bank", slug: input.slug, itemId: item.id },
        });
      }
    } else if ("from" in input) {
      out.push({ item: { ...input.item, id: uniqueId(input.item.id) }, origin: { kind: "custom" } });
    } else {
      out.push({ ...input, item: { ...input.item, id: uniqueId(input.item.id) } });
    }
  }
  const checked = SetItemsSchema.safeParse(out);
  if (!checked.success) throw new DataError(`Items: ${checked.error.issues[0]?.message ?? "invalid"}`);
  return checked.data;
}

// ------------------------------------------------------------------------------------------ owner side

export type SetSummary = { id: string; title: string; itemCount: number; candidateCount: number; updatedAt: string };

export type SetDTO = {
  id: string;
  title: string;
  /** With the answer key: only for the set's owners and viewers. */
  items: SetItem[];
  settings: SetSettings;
  createdAt: string;
  updatedAt: string;
  candidateCount: number;
  shareLink: { id: string; createdAt: string } | null;
};

const SET_SELECT = {
  id: true,
  title: true,
  items: true,
  settings: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { candidates: true } },
} as const;
type SetRow = Prisma.QuestionSetGetPayload<{ select: typeof SET_SELECT }>;

function parseSet(row: Pick<SetRow, "items" | "settings">): { items: SetItem[]; settings: SetSettings } {
  return { items: ItemsJson.parse(row.items), settings: SetSettingsSchema.parse(row.settings) };
}

async function activeLink(actor: Actor, id: string) {
  const links = await listCapabilityLinks(actor, scope(id));
  const live = links.find((l) => l.revokedAt === null && (l.expiresAt === null || Date.parse(l.expiresAt) > Date.now()));
  return live ? { id: live.id, createdAt: live.createdAt } : null;
}

async function toSetDTO(actor: Actor, row: SetRow): Promise<SetDTO> {
  const { items, settings } = parseSet(row);
  return {
    id: row.id,
    title: row.title,
    items,
    settings,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    candidateCount: row._count.candidates,
    shareLink: (await canShare(actor, row.id)) ? await activeLink(actor, row.id) : null,
  };
}

async function canShare(actor: Actor, id: string) {
  try {
    authorize(actor, scope(id), "set.share");
    return true;
  } catch {
    return false;
  }
}

function requireUser(actor: Actor): string {
  if (actor.kind !== "user") throw new DataError("Sign in to build question sets.", "not-found");
  return actor.userId;
}

/** The sets the actor manages (owner or viewer), newest change first. */
export async function listSets(actor: Actor): Promise<SetSummary[]> {
  const ids = scopeIdsWhere(actor, "set", "set.results.read");
  if (!ids.length) return [];
  const prisma = await getPrisma();
  const rows = await prisma.questionSet.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, items: true, updatedAt: true, _count: { select: { candidates: true } } },
    orderBy: { updatedAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    itemCount: Array.isArray(r.items) ? r.items.length : 0,
    candidateCount: r._count.candidates,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Any signed-in user may create a set; they become its owner in the same transaction. */
export async function createSet(actor: Actor, input: z.output<typeof CreateSetSchema>): Promise<SetDTO> {
  const userId = requireUser(actor);
  const items = resolveItems(input.items);
  const settings = input.settings ?? DEFAULT_SET_SETTINGS;
  const prisma = await getPrisma();
  const id = await prisma.$transaction(async (tx) => {
    const row = await tx.questionSet.create({
      data: {
        title: input.title,
        items,
        settings,
        createdById: userId,
      },
      select: { id: true },
    });
    await createScopeOwner(tx, scope(row.id), userId);
    return row.id;
  });
  const owner: Actor = { ...actor, roles: [...actor.roles, { scopeType: "set", scopeId: id, role: "owner", via: "membership" }] };
  return getSet(owner, id);
}

/** The whole set with its key: the set's owners and viewers only. */
export async function getSet(actor: Actor, id: string): Promise<SetDTO> {
  authorize(actor, scope(id), "set.results.read");
  const prisma = await getPrisma();
  const row = await prisma.questionSet.findUnique({ where: { id }, select: SET_SELECT });
  if (!row) throw scopeNotFound("set");
  return toSetDTO(actor, row);
}

/** Change title, items or settings. Started attempts keep their own snapshot, so they never change. */
export async function updateSet(actor: Actor, id: string, input: z.output<typeof UpdateSetSchema>): Promise<SetDTO> {
  authorize(actor, scope(id), "set.update");
  const prisma = await getPrisma();
  const data: Prisma.QuestionSetUpdateInput = {};
  if (input.title !== undefined) data.title = input.title;
  if (input.items !== undefined) data.items = resolveItems(input.items);
  if (input.settings !== undefined) data.settings = input.settings;
  const { count } = await prisma.questionSet.updateMany({ where: { id }, data });
  if (count === 0) throw scopeNotFound("set");
  return getSet(actor, id);
}

/** Delete a set with its links, memberships and candidate records; the candidates' attempts stay theirs. */
export async function deleteSet(actor: Actor, id: string): Promise<void> {
  authorize(actor, scope(id), "set.delete");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.questionSet.deleteMany({ where: { id } });
    if (count === 0) throw scopeNotFound("set");
    await deleteScopeAccess(tx, scope(id));
  });
}

/**
 * The set's one share link: any earlier link is revoked, a new token (256 random bits, stored as SHA-256)
 * is made and returned once, as a path (`/s/<token>`); the caller adds its origin.
 */
export async function regenerateShareLink(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ path: string; linkId: string; createdAt: string }> {
  authorize(actor, scope(id), "set.share");
  await revokeShareLink(actor, id, now);
  const { token, link } = await createCapabilityLink(actor, scope(id), "set-candidate");
  return { path: `/s/${token}`, linkId: link.id, createdAt: link.createdAt };
}

/** Revoke every live link of the set: from the next request on, the old URL is refused. */
export async function revokeShareLink(actor: Actor, id: string, now = new Date()): Promise<{ revoked: number }> {
  authorize(actor, scope(id), "set.share");
  const links = await listCapabilityLinks(actor, scope(id));
  let revoked = 0;
  for (const l of links.filter((x) => x.revokedAt === null)) {
    await revokeCapabilityLink(actor, scope(id), l.id, now);
    revoked++;
  }
  return { revoked };
}

// ------------------------------------------------------------------------------------------ results

type AttemptRowForResults = {
  id: string;
  userId: string | null;
  /** A guest candidate's browser key (SHA-256 of the guest cookie), which their lab runs are stored under. */
  guestKeyHash: string | null;
  status: string;
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number | null;
  snapshotKey: string;
  answers: unknown;
  selfGrades: unknown;
  results: unknown;
  name: string | null;
  email: string | null;
};

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Every candidate's attempt with answers next to the key, per-item figures and lab runs made while it was open. */
export async function getSetResults(actor: Actor, id: string, now = new Date()): Promise<SetResults & { title: string }> {
  authorize(actor, scope(id), "set.results.read");
  const prisma = await getPrisma();
  // Attempts started on the same version of the set hold equal snapshots (each 30-item snapshot is ~12 kB):
  // rows carry the snapshot's md5, and each distinct snapshot is read and validated once. Of the stored grades
  // only item, score and verdict are read (not the per-option detail), which the database projects.
  // The three reads are independent: issued together (one round trip of latency instead of three).
  const [set, raw, snapshots] = await Promise.all([
    prisma.questionSet.findUnique({ where: { id }, select: { title: true, items: true } }),
    prisma.$queryRaw<AttemptRowForResults[]>`
    SELECT a.id, a.user_id AS "userId", a.guest_key_hash AS "guestKeyHash", a.status, a.started_at AS "startedAt", a.submitted_at AS "submittedAt",
           a.score, a.max_score AS "maxScore", md5(a.items_snapshot::text) AS "snapshotKey", a.answers,
           a.self_grades AS "selfGrades",
           (SELECT jsonb_agg(jsonb_build_object('itemId', r->'itemId', 'score', r->'score', 'correct', r->'correct'))
              FROM jsonb_array_elements(a.results) r) AS results,
           c.name, c.email
    FROM quiz_attempts a LEFT JOIN set_candidates c ON c.attempt_id = a.id
    WHERE a.context_type = 'set' AND a.context_id = ${id}
    ORDER BY a.started_at ASC, a.id ASC`,
    prisma.$queryRaw<{ key: string; items: unknown }[]>`
    SELECT DISTINCT ON (md5(items_snapshot::text)) md5(items_snapshot::text) AS key, items_snapshot AS items
    FROM quiz_attempts WHERE context_type = 'set' AND context_id = ${id}`,
  ]);
  if (!set) throw scopeNotFound("set");
  const parsed = new Map(snapshots.map((x) => [x.key, SnapshotSchema.parse(x.items)]));
  // Raw rows: normalise the driver's types (timestamps, floats) once.
  const rows = raw.map((r) => ({
    ...r,
    startedAt: new Date(r.startedAt),
    submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt),
    score: r.score === null ? null : Number(r.score),
    maxScore: r.maxScore === null ? null : Number(r.maxScore),
  }));
  const labRuns = await labRunsDuring(rows, now);
  const attempts: ResultsAttempt[] = rows.map((r) => {
    const items = parsed.get(r.snapshotKey) ?? [];
    return {
      attemptId: r.id,
      name: r.name ?? "(unknown)",
      email: r.email,
      userId: r.userId,
      status: r.status === "submitted" ? "submitted" : "in_progress",
      startedAt: r.startedAt,
      submittedAt: r.submittedAt,
      score: r.score,
      max: r.maxScore ?? items.length,
      items,
      answers: record(r.answers),
      selfGrades: record(r.selfGrades),
      results: Array.isArray(r.results) ? (r.results as ItemResult[]) : null,
      labRuns: labRuns.get(r.id) ?? [],
    };
  });
  const current = ItemsJson.parse(set.items).map((s) => s.item);
  return { title: set.title, ...aggregateResults(current, attempts) };
}

/**
 * Lab runs a candidate stored between the start and the submit (or now) of their attempt: a signed-in
 * candidate's by account, a guest's by the browser key the attempt was started with (decision 023's guest
 * cookie, the same one the lab stores runs under). Runs of other browsers or accounts are never matched.
 */
async function labRunsDuring(rows: AttemptRowForResults[], now: Date): Promise<Map<string, LabRunSummary[]>> {
  const owned = rows.filter((r) => r.userId || r.guestKeyHash);
  const out = new Map<string, LabRunSummary[]>();
  if (!owned.length) return out;
  const prisma = await getPrisma();
  const earliest = new Date(Math.min(...owned.map((r) => r.startedAt.getTime())));
  const userIds = [...new Set(owned.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const guestKeys = [...new Set(owned.flatMap((r) => (!r.userId && r.guestKeyHash ? [r.guestKeyHash] : [])))];
  const runs = await prisma.labRun.findMany({
    where: {
      createdAt: { gte: earliest },
      OR: [
        ...(userIds.length ? [{ userId: { in: userIds } }] : []),
        ...(guestKeys.length ? [{ userId: null, guestKeyHash: { in: guestKeys } }] : []),
      ],
    },
    select: {
      id: true,
      userId: true,
      guestKeyHash: true,
      createdAt: true,
      preset: true,
      settings: true,
      results: true,
      prediction: true,
      calibration: true,
    },
    orderBy: { createdAt: "asc" },
  });
  for (const r of owned) {
    const end = (r.submittedAt ?? now).getTime();
    const isMine = (x: (typeof runs)[number]) => (r.userId ? x.userId === r.userId : x.userId === null && x.guestKeyHash === r.guestKeyHash);
    const mine = runs.filter((x) => isMine(x) && x.createdAt >= r.startedAt && x.createdAt.getTime() <= end);
    out.set(
      r.id,
      mine.map((x) => {
        const settings = LabSettingsSchema.safeParse(x.settings);
        const preset = isLabPresetId(x.preset) ? x.preset : null;
        return {
          id: x.id,
          createdAt: x.createdAt.toISOString(),
          preset: x.preset,
          settings: record(x.settings),
          results: x.results,
          prediction: x.prediction,
          calibration: x.calibration,
          replayHref: settings.success ? labHref(settings.data, preset) : null,
        };
      }),
    );
  }
  return out;
}

export const GradeFreeTextSchema = z.strictObject({
  attemptId: ID,
  itemId: ID,
  ticked: z.array(z.number().int().min(0).max(63)).max(64),
});

/**
 * The owner grades a candidate's free-text answer against the item's rubric (decision 039): the ticked
 * points are stored where the engine reads free-text grades (the attempt's `self_grades`) and the attempt's
 * score and results are recomputed by the engine. A candidate never grades their own set answers (they
 * would set their own score, and the rubric is the key). Re-grading replaces the earlier grade.
 */
export async function gradeSetFreeText(actor: Actor, id: string, input: z.output<typeof GradeFreeTextSchema>): Promise<{ score: number }> {
  authorize(actor, scope(id), "set.update");
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({
    where: { id: input.attemptId, contextType: "set", contextId: id },
    select: { id: true, status: true, itemsSnapshot: true, answers: true, selfGrades: true, answersVersion: true },
  });
  if (!row) throw scopeNotFound("set");
  if (row.status !== "submitted") throw new DataError("Free-text answers are graded after the candidate submits.", "conflict");
  const items = SnapshotSchema.parse(row.itemsSnapshot);
  const item = items.find((i) => i.id === input.itemId);
  if (!item || item.type !== "freetext") throw new DataError("That item is not a free-text item of this attempt.");
  if (input.ticked.some((t) => t >= item.rubric.length)) throw new DataError(`Rubric points are numbered 0 to ${item.rubric.length - 1}.`);
  const next = { ...record(row.selfGrades), [item.id]: [...new Set(input.ticked)].sort((a, b) => a - b) };
  const grade = gradeAttempt(items, record(row.answers), next);
  const { count } = await prisma.quizAttempt.updateMany({
    where: { id: row.id, contextType: "set", contextId: id, status: "submitted", answersVersion: row.answersVersion },
    data: {
      selfGrades: next as Prisma.InputJsonValue,
      answersVersion: { increment: 1 },
      score: grade.score,
      results: grade.items,
    },
  });
  if (count === 0) throw new DataError("This attempt changed meanwhile; reload to see it.", "conflict");
  return { score: grade.score };
}

export async function getSetResultsCsv(actor: Actor, id: string, now = new Date()): Promise<string> {
  return resultsCsv(await getSetResults(actor, id, now));
}

// ------------------------------------------------------------------------------------------ import / export

export const ImportSetSchema = z.strictObject({
  format: z.enum(["gift", "markdown"]),
  text: text().min(1).max(1_000_000),
  title: SetTitleSchema.optional(),
});

/** Import a GIFT or Layerwise Markdown file as a new set (default settings) with the import report. */
export async function importSet(actor: Actor, input: z.output<typeof ImportSetSchema>): Promise<{ set: SetDTO; report: ConversionReport }> {
  requireUser(actor);
  const parsed = input.format === "gift" ? { title: null, ...importGift(input.text) } : importSetMarkdown(input.text);
  if (!parsed.items.length) {
    const first = parsed.report.entries[0];
    throw new DataError(`Nothing could be imported${first ? ` (line ${first.line}: ${first.message})` : ""}.`);
  }
  const title = input.title ?? parsed.title ?? "Imported set";
  const set = await createSet(actor, { title, items: parsed.items });
  return { set, report: parsed.report };
}

export async function exportSet(
  actor: Actor,
  id: string,
  format: "gift" | "markdown",
): Promise<{ text: string; report: ConversionReport | null; title: string }> {
  const set = await getSet(actor, id);
  if (format === "markdown") return { text: exportSetMarkdown(set.title, set.items), report: null, title: set.title };
  const out = exportGift(set.items);
  // Items GIFT cannot hold are named at the top as GIFT comments (Moodle ignores them), never left out silently.
  const notes = out.report.entries.map((e) => `// Not exported: item ${e.line} (${set.items[e.line - 1]!.item.id}): ${e.message}`);
  return { text: notes.length ? `${notes.join("\n")}\n\n${out.text}` : out.text, report: out.report, title: set.title };
}

// ------------------------------------------------------------------------------------------ candidate side

export type CandidateAttemptState = {
  id: string;
  status: "in_progress" | "submitted";
  startedAt: string;
  submittedAt: string | null;
};

export type SetLanding = {
  id: string;
  title: string;
  /** Markdown, rendered only through the sanitising pipeline (components/ui/markdown.tsx). */
  intro: string;
  openBookNote: string | null;
  itemCount: number;
  timeLimitMinutes: number | null;
  attemptsAllowed: number;
  accountRequired: boolean;
  opensAt: string | null;
  closesAt: string | null;
  phase: "not-open" | "open" | "closed";
  attempts: CandidateAttemptState[];
  /** Whether this actor may start (or resume) an attempt now, and if not why. */
  canStart: { ok: true } | { ok: false; reason: string };
};

async function loadSetForCandidate(actor: Actor, id: string) {
  authorize(actor, scope(id), "set.attempt.start");
  const prisma = await getPrisma();
  const row = await prisma.questionSet.findUnique({ where: { id }, select: { id: true, title: true, items: true, settings: true } });
  if (!row) throw scopeNotFound("set");
  return { id: row.id, title: row.title, ...parseSet(row) };
}

function ownerWhere(owner: Owner) {
  return owner.kind === "user" ? { userId: owner.userId } : { userId: null, guestKeyHash: owner.guestKeyHash };
}

async function ownAttempts(owner: Owner | null, setId: string): Promise<CandidateAttemptState[]> {
  if (!owner) return [];
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: { ...ownerWhere(owner), contextType: "set", contextId: setId },
    select: { id: true, status: true, startedAt: true, submittedAt: true },
    orderBy: { startedAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status === "submitted" ? "submitted" : "in_progress",
    startedAt: r.startedAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
  }));
}

function startBlocker(actor: Actor, settings: SetSettings, attempts: CandidateAttemptState[], now: Date): string | null {
  if (attempts.some((a) => a.status === "in_progress")) return null; // resuming is always allowed
  const phase = setPhase(settings, now);
  if (phase === "not-open") return "This set is not open yet.";
  if (phase === "closed") return "This set is closed.";
  if (settings.accountRequired && actor.kind !== "user") return "This set asks candidates to sign in first.";
  if (attempts.length >= settings.attemptsAllowed) return "You have used every attempt this set allows.";
  return null;
}

/** What the share link's landing page shows. Needs the link's candidate role. */
export async function getSetLanding(actor: Actor, id: string, now = new Date()): Promise<SetLanding> {
  const set = await loadSetForCandidate(actor, id);
  const attempts = await ownAttempts(ownerOf(actor), id);
  const blocker = startBlocker(actor, set.settings, attempts, now);
  const s = set.settings;
  return {
    id: set.id,
    title: set.title,
    intro: s.intro,
    openBookNote: s.openBookNote.trim() ? s.openBookNote : null,
    itemCount: set.items.length,
    timeLimitMinutes: s.timeLimitMinutes,
    attemptsAllowed: s.attemptsAllowed,
    accountRequired: s.accountRequired,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    phase: setPhase(s, now),
    attempts,
    canStart: blocker ? { ok: false, reason: blocker } : { ok: true },
  };
}

export const StartSetAttemptSchema = z.strictObject({ candidate: GuestCandidateSchema.optional() });

export type SetAttemptView = {
  id: string;
  setId: string;
  title: string;
  status: "in_progress" | "submitted";
  items: (PublicQuizItem & { promptHtml: string })[];
  answers: Record<string, unknown>;
  answersVersion: number;
  startedAt: string;
  deadline: string | null;
  serverNow: string;
};

type OwnAttemptRow = Prisma.QuizAttemptGetPayload<{ include: { setCandidate: true } }>;

async function loadOwnSetAttempt(owner: Owner, setId: string, attemptId: string): Promise<OwnAttemptRow> {
  const prisma = await getPrisma();
  const row = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, ...ownerWhere(owner), contextType: "set", contextId: setId },
    include: { setCandidate: true },
  });
  if (!row) throw scopeNotFound("set");
  return row;
}

function attemptView(row: OwnAttemptRow, title: string, now: Date): SetAttemptView {
  const items = SnapshotSchema.parse(row.itemsSnapshot);
  const shuffleItems = row.setCandidate?.itemOrder === "shuffled";
  return {
    id: row.id,
    setId: row.contextId!,
    title,
    status: row.status === "submitted" ? "submitted" : "in_progress",
    items: presentQuiz(items, row.seed, { shuffleItems }).map((i) => ({
      ...i,
      promptHtml: renderMarkdown(i.prompt),
    })),
    answers: record(row.answers),
    answersVersion: row.answersVersion,
    startedAt: row.startedAt.toISOString(),
    deadline: row.deadline?.toISOString() ?? null,
    serverNow: now.toISOString(),
  };
}

/**
 * Start (or resume) the actor's attempt: the set's settings decide everything (dates, account, attempts,
 * time limit, order), whatever the client sends. A guest gives a name and an email; a signed-in
 * candidate's come from the account. The items are snapshotted now.
 */
export async function startSetAttempt(
  actor: Actor,
  id: string,
  input: z.output<typeof StartSetAttemptSchema>,
  account: { name: string | null; email: string } | null,
  now = new Date(),
): Promise<SetAttemptView> {
  const set = await loadSetForCandidate(actor, id);
  const owner = ownerOf(actor);
  if (!owner) throw scopeNotFound("set"); // an anonymous request gets a guest cookie first
  const attempts = await ownAttempts(owner, id);
  const open = attempts.find((a) => a.status === "in_progress");
  if (open) return attemptView(await loadOwnSetAttempt(owner, id, open.id), set.title, now);
  const blocker = startBlocker(actor, set.settings, attempts, now);
  if (blocker) throw new DataError(blocker, "conflict");
  const who =
    owner.kind === "user" ? { name: account?.name || account?.email || "Candidate", email: account?.email ?? null } : input.candidate;
  if (!who) throw new DataError("Give your name and email to start.");
  const s = set.settings;
  const limitMs = s.timeLimitMinutes ? s.timeLimitMinutes * 60_000 : null;
  let deadline = deadlineFor({ startedAt: now, limitMs });
  // The close date ends every attempt, timed or not.
  if (s.closesAt && (!deadline || Date.parse(s.closesAt) < deadline.getTime())) deadline = new Date(s.closesAt);
  const linkId = actor.roles.find((r) => r.scopeType === "set" && r.scopeId === id && r.via === "link");
  const prisma = await getPrisma();
  try {
    const row = await prisma.$transaction(async (tx) => {
      const attempt = await tx.quizAttempt.create({
        data: {
          ...(owner.kind === "user" ? { userId: owner.userId } : { guestKeyHash: owner.guestKeyHash }),
          questionSlug: slugOf(id),
          contextType: "set",
          contextId: id,
          mode: "full",
          itemsSnapshot: set.items.map((i) => i.item) as unknown as Prisma.InputJsonValue,
          seed: createSeed() >>> 1,
          shuffle: true,
          startedAt: now,
          timeLimitMs: limitMs,
          deadline,
        },
        select: { id: true },
      });
      await tx.setCandidate.create({
        data: {
          attemptId: attempt.id,
          setId: id,
          name: who.name,
          email: who.email,
          linkId: linkId && linkId.via === "link" ? linkId.linkId : null,
          itemOrder: s.order,
        },
      });
      return attempt;
    });
    return attemptView(await loadOwnSetAttempt(owner, id, row.id), set.title, now);
  } catch (e) {
    // A racing start (two tabs): the partial unique index let one through; resume that one.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      const raced = (await ownAttempts(owner, id)).find((a) => a.status === "in_progress");
      if (raced) return attemptView(await loadOwnSetAttempt(owner, id, raced.id), set.title, now);
    }
    throw e;
  }
}

export async function getSetAttempt(actor: Actor, id: string, attemptId: string, now = new Date()): Promise<SetAttemptView> {
  const set = await loadSetForCandidate(actor, id);
  const owner = ownerOf(actor);
  if (!owner) throw scopeNotFound("set");
  return attemptView(await loadOwnSetAttempt(owner, id, attemptId), set.title, now);
}

export async function saveSetAnswers(
  actor: Actor,
  id: string,
  attemptId: string,
  input: z.output<typeof SaveAnswersSchema>,
  now = new Date(),
) {
  await loadSetForCandidate(actor, id);
  const owner = ownerOf(actor);
  if (!owner) throw scopeNotFound("set");
  await loadOwnSetAttempt(owner, id, attemptId);
  return saveAnswers(owner, attemptId, input, now);
}

export type CandidateReview = {
  attemptId: string;
  title: string;
  status: "in_progress" | "submitted";
  submittedAt: string | null;
  visibility: ReviewVisibility;
  score: number | null;
  maxScore: number | null;
  items: (ReviewItem & { promptHtml: string })[] | null;
};

function candidateReview(row: OwnAttemptRow, title: string, settings: SetSettings, now: Date): CandidateReview {
  const status = row.status === "submitted" ? "submitted" : "in_progress";
  const visibility = reviewVisibility(settings, { status }, now);
  const base = { attemptId: row.id, title, status, submittedAt: row.submittedAt?.toISOString() ?? null, visibility } as const;
  if (visibility.show === "nothing") return { ...base, score: null, maxScore: null, items: null };
  if (visibility.show === "score") return { ...base, score: row.score, maxScore: row.maxScore, items: null };
  const items = SnapshotSchema.parse(row.itemsSnapshot);
  const results = new Map((Array.isArray(row.results) ? (row.results as ItemResult[]) : []).map((r) => [r.itemId, r]));
  const answers = record(row.answers);
  const seen = presentQuiz(items, row.seed, { shuffleItems: row.setCandidate?.itemOrder === "shuffled" });
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    ...base,
    score: row.score,
    maxScore: row.maxScore,
    items: seen.map((shown) => {
      const item = byId.get(shown.id)!;
      const result = results.get(item.id)!;
      return {
        ...reviewItem(item, answers[item.id], result, { seen: shown, selfGrade: record(row.selfGrades)[item.id] }),
        promptHtml: renderMarkdown(item.prompt),
      };
    }),
  };
}

/** Submit (idempotent, graded on the server by the quiz engine) and return what the set's policy lets the candidate see. */
export async function submitSetAttempt(
  actor: Actor,
  id: string,
  attemptId: string,
  input: z.output<typeof SubmitAttemptSchema>,
  now = new Date(),
): Promise<CandidateReview> {
  const set = await loadSetForCandidate(actor, id);
  const owner = ownerOf(actor);
  if (!owner) throw scopeNotFound("set");
  await loadOwnSetAttempt(owner, id, attemptId);
  await closeAttempt(owner, attemptId, input, now); // graded by the engine; what is shown is the policy's to decide
  return candidateReview(await loadOwnSetAttempt(owner, id, attemptId), set.title, set.settings, now);
}

/**
 * The candidate's own review of an attempt in a set, per the set's current policy. Read by ownership: a
 * candidate keeps seeing their own attempt (as the policy allows) after the link is revoked, from their history.
 */
export async function getCandidateReview(actor: Actor, id: string, attemptId: string, now = new Date()): Promise<CandidateReview> {
  const owner = ownerOf(actor);
  if (!owner) throw scopeNotFound("set");
  const row = await loadOwnSetAttempt(owner, id, attemptId);
  const prisma = await getPrisma();
  const set = await prisma.questionSet.findUnique({ where: { id }, select: { title: true, settings: true } });
  if (!set) throw scopeNotFound("set");
  return candidateReview(row, set.title, SetSettingsSchema.parse(set.settings), now);
}

export type TakenSetAttempt = {
  attemptId: string;
  title: string;
  status: "in_progress" | "submitted";
  submittedAt: string | null;
  /** Only when the set's review policy shows the score now. */
  score: number | null;
  maxScore: number | null;
};

/** The actor's own attempts in sets (their history), each with only what the set's policy lets them see now. */
export async function listTakenSets(actor: Actor, now = new Date()): Promise<TakenSetAttempt[]> {
  const owner = ownerOf(actor);
  if (!owner) return [];
  const prisma = await getPrisma();
  const rows = await prisma.quizAttempt.findMany({
    where: { ...ownerWhere(owner), contextType: "set" },
    select: {
      id: true,
      status: true,
      submittedAt: true,
      score: true,
      maxScore: true,
      setCandidate: { select: { set: { select: { title: true, settings: true } } } },
    },
    orderBy: { startedAt: "desc" },
    take: 50,
  });
  return rows.flatMap((r) => {
    const set = r.setCandidate?.set;
    if (!set) return []; // the set was deleted: the attempt stays the candidate's, with nothing to show
    const status = r.status === "submitted" ? "submitted" : "in_progress";
    const shown = reviewVisibility(SetSettingsSchema.parse(set.settings), { status }, now).show !== "nothing";
    return [
      {
        attemptId: r.id,
        title: set.title,
        status,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        score: shown ? r.score : null,
        maxScore: shown ? r.maxScore : null,
      },
    ];
  });
}
