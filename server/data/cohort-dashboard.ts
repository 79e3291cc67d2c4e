import "server-only";
import { z } from "zod";
import { Prisma } from "@/server/generated/prisma/client";
import { getPrisma } from "@/server/db";
import { getBank } from "@/server/content";
import { authorize, can, scopeNotFound, type Actor } from "@/server/permissions";
import { SetItemSchema, type SetItem } from "@/lib/schemas/sets";
import { toCsv, type CsvValue } from "@/lib/sets/csv";

/**
 * The instructor dashboard of a cohort (/cohorts/<id>, GET /api/v1/cohorts/{id}/dashboard, docs/decisions/035).
 *
 * "The cohort as it stands now": mastery and wrong options read each student's *latest* submitted attempt per
 * set assignment (found on the index quiz_attempts_context_latest_submitted without touching older attempts'
 * rows), completion and lateness read the first submission. A fixed number of aggregate queries whatever the
 * cohort's size; what leaves the database is per student × topic, per item × choice and per assignment.
 *
 * Who sees what: `cohort.progress.read` (owner, instructor) sees every student; a student (`cohort.read` only)
 * gets the same shape restricted to their own row; anyone else gets the cohort's not-found.
 */

export type DashboardAssignment = {
  id: string;
  kind: "set" | "lab-challenge";
  title: string;
  dueAt: string;
  /** Students who submitted at least once (a set attempt, or a challenge submission). */
  submitted: number;
  /** Of those, whose first submission came after the due date. */
  late: number;
  /** Students with nothing submitted after the due date (0 while it is not due). */
  overdue: number;
  students: number;
};

export type HeatmapCell = { topic: string; mastery: number; items: number; answered: number };

export type StudentRow = {
  userId: string;
  name: string;
  email: string | null;
  submitted: number;
  late: number;
  overdue: number;
  /** One cell per `topics` entry, same order. */
  cells: HeatmapCell[];
  challenges: ChallengeResult[];
  labRuns: { count: number; lastAt: string | null };
};

export type ChallengeResult = {
  assignmentId: string;
  status: string;
  passed: boolean | null;
  testAccuracy: number | null;
  trainingFlops: number | null;
  trainableParams: number | null;
  late: boolean;
  submittedAt: string;
  submissions: number;
};

export type WrongOption = {
  assignmentId: string;
  itemId: string;
  prompt: string;
  /** The wrong choice as the student saw it. */
  answer: string;
  /** Why it is wrong (the option's rationale, or the item's). */
  rationale: string | null;
  /** Students whose latest attempt chose it. */
  count: number;
  /** Students whose latest attempt held the item. */
  of: number;
};

export type OwnStatus = { assignmentId: string; status: "done" | "late" | "overdue" | "open"; submittedAt: string | null };

export type CohortDashboard = {
  cohortId: string;
  title: string;
  /** "all": the viewer reads every student; "own": only their own row. */
  scope: "all" | "own";
  assignments: DashboardAssignment[];
  topics: string[];
  students: StudentRow[];
  wrongOptions: WrongOption[];
  /** The viewer's own status per assignment (scope "own" only; empty otherwise). */
  own: OwnStatus[];
  generatedAt: string;
};

/** How many wrong options the dashboard lists. */
export const TOP_WRONG = 10;
const CUSTOM_TOPIC = "custom";

type StudentDbRow = { user_id: string; name: string | null; email: string | null; joined_at: Date };
type CompletionRow = { assignment_id: string | null; user_id: string | null; submitted: number; late: number; past_due_done: number };
type CellRow = { user_id: string; topic: string; mastery: number; answered: number };
type ChoiceRow = { assignment_id: string; item_id: string; choice: string; n: number };
type HeldRow = { assignment_id: string; item_id: string; n: number };
type LatestAggRow = { kind: "cell" | "held" | "choice"; a: string; b: string; c: string | null; v: number; n: number };
type ChallengeRow = {
  assignment_id: string;
  user_id: string;
  status: string;
  passed: boolean | null;
  test_accuracy: number | null;
  training_flops: number | null;
  trainable_params: number | null;
  late: boolean;
  submitted_at: Date;
  submissions: number;
};
type RunRow = { user_id: string; count: number; last_at: Date | null };
type OwnRow = { assignment_id: string; first_at: Date };

const ItemsJson = z.array(SetItemSchema);

export async function getCohortDashboard(actor: Actor, cohortId: string, now = new Date()): Promise<CohortDashboard> {
  const scope = { type: "cohort" as const, id: cohortId };
  // All students for the cohort's staff; a student only themself (the same shape, one row).
  const all = can(actor, scope, "cohort.progress.read");
  if (!all) authorize(actor, scope, "cohort.read");
  const selfId = actor.kind === "user" ? actor.userId : null;
  if (!all && !selfId) throw scopeNotFound("cohort");
  const prisma = await getPrisma();

  const [cohort, assignmentRows, studentRows] = await Promise.all([
    prisma.cohort.findUnique({ where: { id: cohortId }, select: { title: true } }),
    prisma.cohortAssignment.findMany({
      where: { cohortId },
      select: { id: true, kind: true, title: true, dueAt: true, set: { select: { items: true } } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    }),
    prisma.$queryRaw<StudentDbRow[]>`
      SELECT m.user_id, u.name, u.email, m.created_at AS joined_at
      FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.scope_type = 'cohort' AND m.scope_id = ${cohortId} AND m.role = 'student'
        AND (${all} OR m.user_id = ${selfId ?? ""})
      ORDER BY lower(coalesce(u.name, u.email, '')), m.user_id`,
  ]);
  if (!cohort) throw scopeNotFound("cohort");

  const studentIds = studentRows.map((s) => s.user_id);
  const ids = assignmentRows.map((a) => a.id);
  const setAssignments = assignmentRows.filter((a) => a.kind === "set" && a.set);
  const setIds = setAssignments.map((a) => a.id);
  const itemsOf = new Map<string, SetItem[]>(setAssignments.map((a) => [a.id, ItemsJson.safeParse(a.set!.items).data ?? []]));

  // Every item of every set assignment, with its topic: the bank question's topic, or "custom".
  const topicOfSlug = new Map(getBank().map((b) => [b.question.slug, b.question.topic]));
  const map = { a: [] as string[], i: [] as string[], t: [] as string[] };
  const topicItems = new Map<string, number>();
  for (const [assignmentId, items] of itemsOf) {
    for (const s of items) {
      const topic = (s.origin.kind === "bank" ? topicOfSlug.get(s.origin.slug) : undefined) ?? CUSTOM_TOPIC;
      map.a.push(assignmentId);
      map.i.push(s.item.id);
      map.t.push(topic);
      topicItems.set(topic, (topicItems.get(topic) ?? 0) + 1);
    }
  }
  const topics = [...topicItems.keys()].sort((x, y) => (x === CUSTOM_TOPIC ? 1 : y === CUSTOM_TOPIC ? -1 : x.localeCompare(y)));

  const empty = <T>(): Promise<T[]> => Promise.resolve([]);
  const haveWork = studentIds.length > 0 && ids.length > 0;
  const haveSets = studentIds.length > 0 && setIds.length > 0;
  const [completion, latestAgg, challenges, runs, ownRows] = await Promise.all([
    // First submission per (assignment, student), then counted per assignment and per student.
    haveWork
      ? prisma.$queryRaw<CompletionRow[]>`
      WITH firsts AS (
        SELECT p.assignment_id, p.user_id, f.first_at
        FROM (${pairs(setIds, studentIds)}) p
        CROSS JOIN LATERAL (
          SELECT submitted_at AS first_at FROM quiz_attempts
          WHERE context_type = 'assignment' AND context_id = p.assignment_id AND user_id = p.user_id AND status = 'submitted'
          ORDER BY submitted_at ASC LIMIT 1
        ) f
        UNION ALL
        SELECT assignment_id, user_id, min(submitted_at)
        FROM challenge_submissions
        WHERE assignment_id = ANY(${ids}) AND user_id = ANY(${studentIds})
        GROUP BY assignment_id, user_id
      )
      SELECT f.assignment_id, f.user_id, count(*)::int AS submitted,
             (count(*) FILTER (WHERE f.first_at > ca.due_at))::int AS late,
             (count(*) FILTER (WHERE ca.due_at < ${now}))::int AS past_due_done
      FROM firsts f JOIN cohort_assignments ca ON ca.id = f.assignment_id
      GROUP BY GROUPING SETS ((f.assignment_id), (f.user_id))`
      : empty<CompletionRow>(),
    // One pass over the latest attempts for three aggregates: the heatmap (per student and topic, the sum over the
    // topic's items of score / max), how many latest attempts held each item, and what they chose per item (option
    // ids or true/false; the wrong ones are picked in code). The latest rows are read once (MATERIALIZED).
    haveSets
      ? prisma.$queryRaw<LatestAggRow[]>`
      WITH latest AS MATERIALIZED (
        SELECT q.context_id, q.user_id, q.results, q.answers
        FROM (${pairs(setIds, studentIds)}) p
        CROSS JOIN LATERAL (
          SELECT id FROM quiz_attempts
          WHERE context_type = 'assignment' AND context_id = p.assignment_id AND user_id = p.user_id AND status = 'submitted'
          ORDER BY submitted_at DESC LIMIT 1
        ) l
        JOIN quiz_attempts q ON q.id = l.id
      ),
      res AS (
        SELECT l.context_id, l.user_id, r->>'itemId' AS item_id,
               CASE WHEN (r->>'max')::float8 > 0 THEN (r->>'score')::float8 / (r->>'max')::float8 ELSE 0 END AS share
        FROM latest l
        CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(l.results) = 'array' THEN l.results ELSE '[]'::jsonb END) r
      ),
      map AS (SELECT * FROM unnest(${map.a}::text[], ${map.i}::text[], ${map.t}::text[]) AS m(assignment_id, item_id, topic))
      SELECT 'cell' AS kind, res.user_id AS a, m.topic AS b, NULL::text AS c, sum(res.share)::float8 AS v, count(*)::int AS n
      FROM res JOIN map m ON m.assignment_id = res.context_id AND m.item_id = res.item_id
      GROUP BY res.user_id, m.topic
      UNION ALL
      SELECT 'held', context_id, item_id, NULL, 0, count(*)::int FROM res GROUP BY context_id, item_id
      UNION ALL
      SELECT 'choice', l.context_id, e.key, ch.choice, 0, count(*)::int
      FROM latest l
      CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(l.answers) = 'object' THEN l.answers ELSE '{}'::jsonb END) e
      CROSS JOIN LATERAL (
        SELECT e.value->>'optionId' AS choice WHERE jsonb_typeof(e.value->'optionId') = 'string'
        UNION ALL SELECT jsonb_array_elements_text(e.value->'optionIds') WHERE jsonb_typeof(e.value->'optionIds') = 'array'
        UNION ALL SELECT e.value->>'value' WHERE jsonb_typeof(e.value->'value') = 'boolean'
      ) ch
      GROUP BY l.context_id, e.key, ch.choice`
      : empty<LatestAggRow>(),
    // Each student's latest challenge submission per challenge, with how many they made.
    haveWork
      ? prisma.$queryRaw<ChallengeRow[]>`
      SELECT DISTINCT ON (assignment_id, user_id) assignment_id, user_id, status, passed, test_accuracy, training_flops,
             trainable_params, late, submitted_at, (count(*) OVER (PARTITION BY assignment_id, user_id))::int AS submissions
      FROM challenge_submissions
      WHERE assignment_id = ANY(${ids}) AND user_id = ANY(${studentIds})
      ORDER BY assignment_id, user_id, submitted_at DESC, id DESC`
      : empty<ChallengeRow>(),
    // Lab runs each student stored since joining the cohort (counted, never listed: the runs are personal).
    studentIds.length
      ? prisma.$queryRaw<RunRow[]>`
      SELECT r.user_id, count(*)::int AS count, max(r.created_at) AS last_at
      FROM lab_runs r JOIN memberships m ON m.user_id = r.user_id AND m.scope_type = 'cohort' AND m.scope_id = ${cohortId}
      WHERE r.user_id = ANY(${studentIds}) AND r.created_at >= m.created_at
      GROUP BY r.user_id`
      : empty<RunRow>(),
    !all && studentIds.length && ids.length
      ? prisma.$queryRaw<OwnRow[]>`
      SELECT p.assignment_id, f.first_at
      FROM (${pairs(setIds, [selfId!])}) p
      CROSS JOIN LATERAL (
        SELECT submitted_at AS first_at FROM quiz_attempts
        WHERE context_type = 'assignment' AND context_id = p.assignment_id AND user_id = p.user_id AND status = 'submitted'
        ORDER BY submitted_at ASC LIMIT 1
      ) f
      UNION ALL
      SELECT assignment_id, min(submitted_at) FROM challenge_submissions WHERE assignment_id = ANY(${ids}) AND user_id = ${selfId}
      GROUP BY assignment_id`
      : empty<OwnRow>(),
  ]);

  const cells: CellRow[] = [];
  const choices: ChoiceRow[] = [];
  const held: HeldRow[] = [];
  for (const r of latestAgg) {
    if (r.kind === "cell") cells.push({ user_id: r.a, topic: r.b, mastery: Number(r.v), answered: r.n });
    else if (r.kind === "held") held.push({ assignment_id: r.a, item_id: r.b, n: r.n });
    else if (r.c !== null) choices.push({ assignment_id: r.a, item_id: r.b, choice: r.c, n: r.n });
  }
  const perAssignment = new Map(completion.filter((c) => c.assignment_id !== null).map((c) => [c.assignment_id!, c]));
  const perStudent = new Map(completion.filter((c) => c.user_id !== null).map((c) => [c.user_id!, c]));
  const pastDue = assignmentRows.filter((a) => a.dueAt < now).length;
  const assignments: DashboardAssignment[] = assignmentRows.map((a) => {
    const c = perAssignment.get(a.id);
    const submitted = c?.submitted ?? 0;
    return {
      id: a.id,
      kind: a.kind === "lab-challenge" ? "lab-challenge" : "set",
      title: a.title,
      dueAt: a.dueAt.toISOString(),
      submitted,
      late: c?.late ?? 0,
      overdue: a.dueAt < now ? studentIds.length - submitted : 0,
      students: studentIds.length,
    };
  });

  const cellsByStudent = new Map<string, Map<string, CellRow>>();
  for (const c of cells) {
    const m = cellsByStudent.get(c.user_id) ?? new Map<string, CellRow>();
    m.set(c.topic, c);
    cellsByStudent.set(c.user_id, m);
  }
  const challengesByStudent = new Map<string, ChallengeResult[]>();
  for (const c of challenges) {
    const list = challengesByStudent.get(c.user_id) ?? [];
    list.push({
      assignmentId: c.assignment_id,
      status: c.status,
      passed: c.passed,
      testAccuracy: num(c.test_accuracy),
      trainingFlops: num(c.training_flops),
      trainableParams: c.trainable_params,
      late: c.late,
      submittedAt: new Date(c.submitted_at).toISOString(),
      submissions: c.submissions,
    });
    challengesByStudent.set(c.user_id, list);
  }
  const runsByStudent = new Map(runs.map((r) => [r.user_id, r]));
  const students: StudentRow[] = studentRows.map((s) => {
    const c = perStudent.get(s.user_id);
    const mine = cellsByStudent.get(s.user_id);
    const r = runsByStudent.get(s.user_id);
    return {
      userId: s.user_id,
      name: s.name || s.email || "(no name)",
      email: s.email,
      submitted: c?.submitted ?? 0,
      late: c?.late ?? 0,
      overdue: pastDue - (c?.past_due_done ?? 0),
      cells: topics.map((topic) => {
        const cell = mine?.get(topic);
        const items = topicItems.get(topic) ?? 0;
        // Items not answered (no latest attempt yet) count 0, as unseen questions do in lib/progress/mastery.ts.
        return { topic, items, answered: cell?.answered ?? 0, mastery: items ? Math.min(1, (cell ? Number(cell.mastery) : 0) / items) : 0 };
      }),
      challenges: challengesByStudent.get(s.user_id) ?? [],
      labRuns: { count: r?.count ?? 0, lastAt: r?.last_at ? new Date(r.last_at).toISOString() : null },
    };
  });

  const ownFirst = new Map<string, Date>();
  for (const o of ownRows) {
    const at = new Date(o.first_at);
    const prev = ownFirst.get(o.assignment_id);
    if (!prev || at < prev) ownFirst.set(o.assignment_id, at);
  }
  const own: OwnStatus[] = all
    ? []
    : assignmentRows.map((a) => {
        const at = ownFirst.get(a.id);
        const status = at ? (at > a.dueAt ? "late" : "done") : a.dueAt < now ? "overdue" : "open";
        return { assignmentId: a.id, status, submittedAt: at?.toISOString() ?? null };
      });

  return {
    cohortId,
    title: cohort.title,
    scope: all ? "all" : "own",
    assignments,
    topics,
    students,
    wrongOptions: wrongOptions(itemsOf, choices, held),
    own,
    generatedAt: now.toISOString(),
  };
}

/**
 * Every (assignment, student) pair. Each pair then finds its first or latest submitted attempt with one probe of the
 * partial index quiz_attempts_context_latest_submitted (PostgreSQL 15 will not use `= ANY(…)` on its second and third
 * columns while it must keep the index order for DISTINCT ON, so a single scan would filter every entry instead).
 */
function pairs(setIds: string[], studentIds: string[]) {
  return Prisma.sql`SELECT a.id AS assignment_id, u.id AS user_id FROM unnest(${setIds}::text[]) AS a(id) CROSS JOIN unnest(${studentIds}::text[]) AS u(id)`;
}

/** The most chosen wrong choices across the cohort's latest attempts, with the rationale that says why. */
function wrongOptions(itemsOf: Map<string, SetItem[]>, choices: ChoiceRow[], held: HeldRow[]): WrongOption[] {
  const heldBy = new Map(held.map((h) => [`${h.assignment_id}\u0000${h.item_id}`, h.n]));
  const out: WrongOption[] = [];
  for (const c of choices) {
    const item = itemsOf.get(c.assignment_id)?.find((s) => s.item.id === c.item_id)?.item;
    if (!item) continue;
    let answer: string | null = null;
    let rationale: string | null = null;
    if (item.type === "single" || item.type === "multiple") {
      const o = item.options.find((x) => x.id === c.choice);
      if (o && !o.correct) [answer, rationale] = [o.text, o.rationale ?? null];
    } else if (item.type === "truefalse") {
      if (c.choice !== String(item.answer)) [answer, rationale] = [c.choice, item.rationale ?? null];
    }
    if (answer === null) continue;
    out.push({
      assignmentId: c.assignment_id,
      itemId: c.item_id,
      prompt: item.prompt,
      answer,
      rationale,
      count: c.n,
      of: heldBy.get(`${c.assignment_id}\u0000${c.item_id}`) ?? c.n,
    });
  }
  return out.sort((x, y) => y.count - x.count || x.itemId.localeCompare(y.itemId)).slice(0, TOP_WRONG);
}

const num = (v: number | null) => (v === null ? null : Number(v));

/** One row per student: totals, one mastery column per topic, each challenge's result; neutralised (lib/sets/csv.ts). */
export function cohortDashboardCsv(d: CohortDashboard): string {
  const challenges = d.assignments.filter((a) => a.kind === "lab-challenge");
  const header: CsvValue[] = ["name", "email", "submitted", "late", "overdue", "lab_runs"];
  for (const t of d.topics) header.push(`mastery ${t}`);
  for (const c of challenges) header.push(`${c.title} accuracy`, `${c.title} passed`);
  const rows: CsvValue[][] = [header];
  for (const s of d.students) {
    const row: CsvValue[] = [s.name, s.email, s.submitted, s.late, s.overdue, s.labRuns.count];
    for (const cell of s.cells) row.push(Math.round(cell.mastery * 1000) / 1000);
    for (const c of challenges) {
      const r = s.challenges.find((x) => x.assignmentId === c.id);
      row.push(r?.testAccuracy ?? null, r ? (r.passed === null ? r.status : r.passed ? "yes" : "no") : null);
    }
    rows.push(row);
  }
  return toCsv(rows);
}

export async function getCohortDashboardCsv(actor: Actor, cohortId: string, now = new Date()): Promise<string> {
  return cohortDashboardCsv(await getCohortDashboard(actor, cohortId, now));
}
