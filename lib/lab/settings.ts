/**
 * The lab's settings as a declarative table (after tensorflow/playground's state.ts): each entry
 * says what the setting is, its default, and how it is validated; the whole object round-trips
 * through URL search params so a run can be shared and reproduced.
 */
import { z } from "zod";
import { MAX_FROZEN } from "./architecture";
import { TARGET_POOL_SIZE } from "./dataset";

/**
 * Bases, named for what they saw (Yosinski et al. 2014 vary how related the source is; docs/decisions/026):
 * - disjoint: digits 0–4 only — the same kind of input, none of the target classes;
 * - permuted: digits 0–4 under one fixed pixel permutation — a different input distribution;
 * - same-classes: 0–4 plus labelled 5–9 — it has seen the target classes (more data, not transfer).
 */
export const LAB_BASES = ["disjoint", "permuted", "same-classes", "none"] as const;
/** Old URL values (before the bases were renamed) keep working: they name the same weights. */
export const LAB_BASE_ALIASES: Readonly<Record<string, LabBase>> = { similar: "same-classes", different: "disjoint" };
/** Fixed k; gradual unfreezing from the top, one layer every E epochs; LP-FT: head for E epochs, then all at the body rate. */
export const LAB_SCHEDULES = ["fixed", "gradual", "lpft"] as const;
export type LabSchedule = (typeof LAB_SCHEDULES)[number];
/** TensorFlow.js backends the lab offers; wasm is the default (docs/LAB.md: fastest here without a GPU). */
export const LAB_BACKENDS = ["wasm", "webgl", "cpu"] as const;
export type LabBackend = (typeof LAB_BACKENDS)[number];
export type LabBase = (typeof LAB_BASES)[number];

/** Fewest training examples: the page has always offered 50 upwards (10 slipped through the URL and CLI). */
export const MIN_N = 50;
/** Suggested training-set sizes (any integer in range is accepted). */
export const N_CHOICES = [50, 100, 500, 2000] as const;

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const baseSchema = z.preprocess((v) => (typeof v === "string" && v in LAB_BASE_ALIASES ? LAB_BASE_ALIASES[v] : v), z.enum(LAB_BASES));
const lrSchema = z.coerce.number().min(1e-5).max(1);
const boolFlag = z.enum(["1", "0", "true", "false"]).transform((v) => v === "1" || v === "true");

/** One row per setting: what a user sees and what the URL accepts. */
export const LAB_SETTINGS = {
  /** Pretrained body to start from; "none" trains from scratch. */
  base: { label: "Base model", default: "disjoint" as LabBase, schema: baseSchema },
  /** Target training-set size, drawn from the 2,000-image pool. */
  n: { label: "Training examples", default: 100, schema: int(MIN_N, TARGET_POOL_SIZE) },
  /** Passes over the training set. */
  epochs: { label: "Epochs", default: 20, schema: int(1, 200) },
  /** Adam learning rate of the new head (and of every layer that did not come from a base). */
  lr: { label: "Learning rate (head)", default: 0.01, schema: lrSchema },
  /** Adam learning rate of the pretrained body layers (discriminative rates when lower than the head's); 0 holds them still. */
  bodyLr: { label: "Learning rate (pretrained layers)", default: 0.01, schema: z.coerce.number().min(0).max(1) },
  /** Examples per optimizer step. */
  batch: { label: "Batch size", default: 32, schema: int(1, 2048) },
  /** TensorFlow.js backend. */
  backend: { label: "Backend", default: "wasm" as LabBackend, schema: z.enum(LAB_BACKENDS) },
  /** Number of body layers frozen (0 = fine-tune everything). */
  k: { label: "Frozen layers", default: 1, schema: int(0, MAX_FROZEN) },
  /** Fixed k, gradual unfreezing, or LP-FT (schedule.ts). */
  schedule: { label: "Schedule", default: "fixed" as LabSchedule, schema: z.enum(LAB_SCHEDULES) },
  /** Gradual: epochs between unfreezing steps; LP-FT: epochs of head-only training. */
  every: { label: "Epochs per stage", default: 5, schema: int(1, 200) },
  /** Compute the frozen layers' activations once instead of every epoch. */
  cache: { label: "Cache frozen features", default: false, schema: boolFlag },
  /** Sweep only: run the whole sweep for this many seeds (seed, seed + 1, …) and show means with the spread. */
  repeats: { label: "Repeat the sweep over seeds", default: 1, schema: int(1, 3) },
  /** Seeds the subset, the initialisation and the shuffles. */
  seed: { label: "Seed", default: 1, schema: int(0, 2 ** 31 - 1) },
} as const;

export type LabSettingKey = keyof typeof LAB_SETTINGS;

/**
 * Stored runs from before a setting existed parse with that setting's old meaning: one rate for every
 * layer (bodyLr = lr), fixed k.
 */
const withBodyLr = (v: unknown) => (v !== null && typeof v === "object" && !("bodyLr" in v) && "lr" in v ? { ...v, bodyLr: v.lr } : v);
export const LabSettingsSchema = z.preprocess(
  withBodyLr,
  z.object({
    base: baseSchema,
    n: z.number().int().min(MIN_N).max(TARGET_POOL_SIZE),
    epochs: z.number().int().min(1).max(200),
    lr: z.number().min(1e-5).max(1),
    bodyLr: z.number().min(0).max(1),
    batch: z.number().int().min(1).max(2048),
    backend: z.enum(LAB_BACKENDS),
    k: z.number().int().min(0).max(MAX_FROZEN),
    schedule: z.enum(LAB_SCHEDULES).default("fixed"),
    every: z.number().int().min(1).max(200).default(5),
    cache: z.boolean(),
    repeats: z.number().int().min(1).max(3).default(1),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1),
  }),
);
export type LabSettings = z.output<typeof LabSettingsSchema>;

export const DEFAULT_LAB_SETTINGS: LabSettings = Object.fromEntries(
  Object.entries(LAB_SETTINGS).map(([key, row]) => [key, row.default]),
) as LabSettings;

export type ParseResult =
  { ok: true; data: LabSettings } | { ok: false; error: string; fieldErrors: Partial<Record<LabSettingKey, string>>; data: LabSettings };

/**
 * Reads settings from a URL; missing keys take their defaults. On bad values it returns
 * ok: false with one message per field, and `data` with the bad fields reset to defaults
 * so a page can still render.
 */
export function parseLabSettings(params: URLSearchParams): ParseResult {
  const data = { ...DEFAULT_LAB_SETTINGS } as Record<LabSettingKey, unknown>;
  const fieldErrors: Partial<Record<LabSettingKey, string>> = {};
  for (const key of Object.keys(LAB_SETTINGS) as LabSettingKey[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = LAB_SETTINGS[key].schema.safeParse(raw.trim() === "" ? undefined : raw);
    if (parsed.success) data[key] = parsed.data;
    else fieldErrors[key] = `${LAB_SETTINGS[key].label}: ${parsed.error.issues[0]?.message ?? "invalid"}`;
  }
  // A link from before per-group rates meant one rate for every layer.
  if (params.get("bodyLr") === null && !fieldErrors.lr) data.bodyLr = data.lr;
  const settings = data as LabSettings;
  const keys = Object.keys(fieldErrors);
  return keys.length === 0
    ? { ok: true, data: settings }
    : { ok: false, error: `Invalid lab settings: ${keys.join(", ")}`, fieldErrors, data: settings };
}

/** Writes every setting, so a shared URL keeps meaning the same run even if defaults change. */
export function labSettingsToSearchParams(settings: LabSettings): URLSearchParams {
  const valid = LabSettingsSchema.parse(settings);
  const params = new URLSearchParams();
  for (const key of Object.keys(LAB_SETTINGS) as LabSettingKey[]) {
    const value = valid[key];
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : String(value));
  }
  return params;
}
