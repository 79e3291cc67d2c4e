import "server-only";
import { z } from "zod";
import { getPrisma } from "@/server/db";
import { DataError } from "@/server/data/errors";
import type { QuizActor } from "@/server/data/quiz-actor";
import { LabPredictionSchema, type LabPrediction } from "@/lib/lab/calibration";
import { LabSettingsSchema, LAB_PRESET_IDS, type LabPresetId, type LabSettings } from "@/lib/lab/shared";
import { LabRunInputSchema, LabRunSummarySchema, summariseRun, type LabRunInput, type LabRunSummary } from "@/lib/schemas/lab-run";

/**
 * Lab runs of a signed-in user or of a guest browser (imported on sign-up, decision 023). Every read and
 * write is scoped to the actor's own rows. JSON columns
 * are validated on the way in and again on the way out (a row written by an older version that no
 * longer parses is skipped rather than breaking the page).
 */
export type LabRunDTO = {
  id: string;
  preset: LabPresetId | null;
  backend: string;
  settings: LabSettings;
  results: LabRunSummary[];
  prediction: LabPrediction | null;
  calibration: number | null;
  createdAt: string;
};

/** Keeps the table from growing without bound: the oldest rows beyond this are deleted on insert. */
export const MAX_LAB_RUNS_PER_USER = 200;
export const RECENT_LAB_RUNS = 10;

const select = { id: true, preset: true, backend: true, settings: true, results: true, prediction: true, calibration: true, createdAt: true } as const;
const StoredSchema = z.object({
  preset: z.enum(LAB_PRESET_IDS).nullable(),
  settings: LabSettingsSchema,
  results: z.array(LabRunSummarySchema),
  prediction: LabPredictionSchema.nullable(),
});

function ownerWhere(actor: QuizActor) {
  return actor.kind === "user" ? { userId: actor.userId } : { userId: null, guestKeyHash: actor.guestKeyHash };
}

export async function recordLabRun(actor: QuizActor, input: LabRunInput): Promise<LabRunDTO> {
  const parsed = LabRunInputSchema.safeParse(input);
  if (!parsed.success) throw new DataError("That lab run is not valid.");
  const run = parsed.data;
  if ((run.prediction === null) !== (run.calibration === null)) throw new DataError("A calibration score needs a prediction, and a prediction its score.");
  const prisma = await getPrisma();
  const row = await prisma.labRun.create({
    data: {
      ...(actor.kind === "user" ? { userId: actor.userId } : { guestKeyHash: actor.guestKeyHash }),
      preset: run.preset,
      backend: run.backend,
      settings: run.settings,
      results: run.results.map(summariseRun),
      prediction: run.prediction ?? undefined,
      calibration: run.calibration,
    },
    select,
  });
  const owner = ownerWhere(actor);
  const stale = await prisma.labRun.findMany({ where: owner, orderBy: { createdAt: "desc" }, skip: MAX_LAB_RUNS_PER_USER, select: { id: true } });
  if (stale.length) await prisma.labRun.deleteMany({ where: { ...owner, id: { in: stale.map((s) => s.id) } } });
  return toDTO(row) as LabRunDTO;
}

export async function listRecentLabRuns(actor: QuizActor, take = RECENT_LAB_RUNS): Promise<LabRunDTO[]> {
  const prisma = await getPrisma();
  const rows = await prisma.labRun.findMany({ where: ownerWhere(actor), orderBy: { createdAt: "desc" }, take: Math.min(take, 50), select });
  return rows.map(toDTO).filter((r): r is LabRunDTO => r !== null);
}

type Row = { id: string; preset: string | null; backend: string; settings: unknown; results: unknown; prediction: unknown; calibration: number | null; createdAt: Date };

function toDTO(row: Row): LabRunDTO | null {
  const stored = StoredSchema.safeParse(row);
  if (!stored.success) return null;
  return { id: row.id, backend: row.backend, calibration: row.calibration, createdAt: row.createdAt.toISOString(), ...stored.data };
}
