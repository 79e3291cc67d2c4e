/**
 * The lab's command line (`npm run lab -- <command>`); `npm run lab -- sweep --help` lists every flag, base
 * and preset (SWEEP_HELP below, built from the settings table so it cannot drift from what is accepted).
 *   prepare [--out DIR]   build public/lab/data and train the base models (wasm, fixed seeds)
 *   prepare --check       rebuild in a temp folder and verify the shipped files are reproduced
 *   sweep [flags]         scratch, k = 0…3, k = 1…3 cached, gradual unfreezing and LP-FT, one table
 * stdout carries only the result (one JSON object with --json); logs go to stderr.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_LAB_SETTINGS,
  isLabPresetId,
  LAB_BACKENDS,
  LAB_BASES,
  LAB_PRESET_IDS,
  LAB_PRESET_TABLE,
  LAB_SCHEDULES,
  LAB_SETTINGS,
  loadBaseWeights,
  loadLabData,
  runSweep,
  type LabSettings,
  type RunPlan,
  type RunResult,
} from "@/lib/lab";
import { initNodeBackend, nodeLoader } from "./lab/node";
import { DEFAULT_ROOT, prepare } from "./lab/prepare";

const log = (line: string) => process.stderr.write(line + "\n");

class UsageError extends Error {}

/** Sweep flags → settings keys (kebab-case on the command line, the URL's names in the table). */
const SWEEP_FLAGS = {
  base: "base",
  n: "n",
  epochs: "epochs",
  lr: "lr",
  "body-lr": "bodyLr",
  batch: "batch",
  backend: "backend",
  every: "every",
  repeat: "repeats",
  seed: "seed",
} as const satisfies Record<string, keyof LabSettings>;

const BASE_HELP: Record<LabSettings["base"], string> = {
  disjoint: "digits 0–4 only: same kind of input, none of the target classes (default)",
  permuted: "digits 0–4 under one fixed pixel permutation: a different input distribution",
  "same-classes": "0–4 plus 1,369 labelled 5–9: has seen the target classes (more data, not transfer)",
  none: "no base: every run starts from random weights",
};

const SWEEP_HELP = `usage: npm run lab -- sweep [flags]

Trains, with the same data and seed: from scratch, k = 0…3 frozen, k = 1…3 frozen + cached, then gradual
unfreezing and LP-FT (their stage length is --every). Accuracy: the validation set (500 digits) is what
settings are chosen on; the test set (1,000) is what is reported.

flags:
  --preset ID      start from a preset's settings (explicit flags override them); prints its verdict
                   ${LAB_PRESET_IDS.join(", ")}
  --base NAME      ${LAB_BASES.join(" | ")} (old names similar → same-classes, different → disjoint)
${LAB_BASES.map((b) => `                     ${b.padEnd(13)} ${BASE_HELP[b]}`).join("\n")}
  --n N            training examples from the 2,000-digit pool, 50–2000 (default ${DEFAULT_LAB_SETTINGS.n})
  --epochs E       1–200 (default ${DEFAULT_LAB_SETTINGS.epochs})
  --lr X           Adam rate of the new head, and of every layer not from a base (default ${DEFAULT_LAB_SETTINGS.lr})
  --body-lr X      Adam rate of the pretrained layers, 0–1; lower than --lr = discriminative rates (default: --lr)
  --batch B        1–2048 (default ${DEFAULT_LAB_SETTINGS.batch})
  --every E        gradual: epochs between unfreezing steps; LP-FT: head-only epochs, 1–200 (default ${DEFAULT_LAB_SETTINGS.every})
  --repeat R       run the whole sweep for seeds seed…seed+R−1 and report means and the spread, 1–3 (default 1)
  --seed S         seeds the subset, the initialisation and the shuffles (default ${DEFAULT_LAB_SETTINGS.seed})
  --backend NAME   ${LAB_BACKENDS.filter((b) => b !== "webgl").join(" | ")} (webgl is browser-only; default ${DEFAULT_LAB_SETTINGS.backend})
  --json           one JSON object on stdout instead of the table
  --help           this text
schedules (the page's single run; the sweep runs all): ${LAB_SCHEDULES.join(", ")}
ms/epoch is the median of epochs 2…E of each run, after an untimed warm-up.`;

const USAGE = `usage:
  npm run lab -- prepare [--out DIR | --check]
  npm run lab -- sweep [--help] [--json] [--preset ID] [--base NAME] [--n N] [--epochs E] [--lr X] [--body-lr X]
                       [--batch B] [--every E] [--repeat R] [--seed S] [--backend wasm|cpu]`;

/** Validates sweep flags with the same table the page uses for its URL. */
function sweepSettings(values: Record<string, string | boolean | undefined>): LabSettings {
  const preset = values.preset;
  if (typeof preset === "string" && !isLabPresetId(preset))
    throw new UsageError(`--preset ${preset}: expected one of ${LAB_PRESET_IDS.join("|")}`);
  const settings: Record<string, unknown> = {
    ...(typeof preset === "string" && isLabPresetId(preset) ? LAB_PRESET_TABLE[preset].settings : DEFAULT_LAB_SETTINGS),
  };
  for (const [flag, key] of Object.entries(SWEEP_FLAGS)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const parsed = LAB_SETTINGS[key].schema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`--${flag} ${String(raw)}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    settings[key] = parsed.data;
  }
  // As in a URL: without --body-lr (and no preset's), one rate for every layer.
  if (values["body-lr"] === undefined && values.lr !== undefined && typeof preset !== "string") settings.bodyLr = settings.lr;
  if (settings.backend === "webgl") throw new UsageError("--backend webgl is browser-only; use wasm or cpu");
  return settings as LabSettings;
}

/** "scratch", "k=2", "k=2 cached", "gradual", "lpft". */
const runName = (r: RunPlan) =>
  r.schedule !== "fixed" ? r.schedule : r.frozen === null ? "scratch" : `k=${r.frozen}${r.cached ? " cached" : ""}`;

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function summary(r: RunResult) {
  return {
    run: runName(r),
    frozen: r.frozen,
    cached: r.cached,
    schedule: r.schedule,
    trainableParams: r.trainableParams,
    frozenParams: r.frozenParams,
    trainFlopsPerSample: r.trainFlopsPerSample,
    msPerEpoch: round(r.msPerEpoch, 2),
    trainAccuracy: round(r.trainAccuracy, 4),
    valAccuracy: round(r.valAccuracy, 4),
    testAccuracy: round(r.testAccuracy, 4),
    ...(r.repeats ? { repeats: r.repeats } : {}),
  };
}

const spread = (r: RunResult) => {
  if (!r.repeats) return "";
  const t = r.repeats.map((x) => x.testAccuracy);
  return ` [${Math.min(...t).toFixed(3)}–${Math.max(...t).toFixed(3)}]`;
};

function table(runs: RunResult[]): string {
  const head = ["run", "trainable", "frozen", "train FLOPs/sample", "ms/epoch", "train acc", "val acc", "test acc"];
  const rows = runs.map((r) => [
    runName(r),
    String(r.trainableParams),
    String(r.frozenParams),
    String(r.trainFlopsPerSample),
    r.msPerEpoch.toFixed(1),
    r.trainAccuracy.toFixed(3),
    r.valAccuracy.toFixed(3),
    r.testAccuracy.toFixed(3) + spread(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

async function sweep(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      preset: { type: "string" },
      ...Object.fromEntries(Object.keys(SWEEP_FLAGS).map((flag) => [flag, { type: "string" as const }])),
    },
  });
  if (values.help) {
    process.stdout.write(SWEEP_HELP + "\n");
    return;
  }
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals.join(" ")}`);
  const settings = sweepSettings(values);
  const backend = await initNodeBackend(settings.backend);
  const loader = nodeLoader();
  const data = await loadLabData(loader);
  const base = settings.base === "none" ? undefined : await loadBaseWeights(loader, settings.base);
  log(`sweep: base ${settings.base}, n ${settings.n}, ${settings.epochs} epochs, seed ${settings.seed}×${settings.repeats}, ${backend}`);
  const started = performance.now();
  const runs = await runSweep(settings, { data, base }, (p) => {
    if (p.result)
      log(
        `  ${p.done}/${p.total} ${runName(p.plan)}: val ${p.result.valAccuracy.toFixed(3)}, test ${p.result.testAccuracy.toFixed(3)}, ${p.result.msPerEpoch.toFixed(1)} ms/epoch`,
      );
  });
  log(`sweep wall time ${((performance.now() - started) / 1000).toFixed(2)} s (warm-up, training and per-epoch evaluation)`);
  const preset = isLabPresetId(values.preset) ? LAB_PRESET_TABLE[values.preset] : undefined;
  const verdict = preset?.check(runs);
  if (values.json) {
    const out = {
      backend,
      base: settings.base,
      n: settings.n,
      epochs: settings.epochs,
      seed: settings.seed,
      settings,
      runs: runs.map(summary),
      ...(preset && verdict ? { preset: preset.id, verdict } : {}),
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  } else {
    const seeds =
      settings.repeats > 1
        ? `seeds ${settings.seed}–${settings.seed + settings.repeats - 1} (means, test range in brackets)`
        : `seed ${settings.seed}`;
    process.stdout.write(
      `base ${settings.base}, n ${settings.n}, ${settings.epochs} epochs, lr ${settings.lr} (body ${settings.bodyLr}), every ${settings.every}, batch ${settings.batch}, ${seeds}, backend ${backend}\n${table(runs)}\n`,
    );
    if (preset && verdict)
      process.stdout.write(`\npreset ${preset.id} — ${preset.title}: ${verdict.shown ? "shown" : "NOT shown"}. ${verdict.detail}\n`);
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === "prepare") {
    const { values } = parseArgs({ args: rest, strict: true, options: { out: { type: "string" }, check: { type: "boolean" } } });
    await initNodeBackend("wasm");
    if (values.check) {
      // Rebuild into a scratch folder and compare with the committed files byte for byte.
      const scratch = await mkdtemp(path.join(tmpdir(), "lab-prepare-"));
      const hashes = await prepare(scratch, log);
      const differing: string[] = [];
      for (const [file, hash] of Object.entries(hashes)) {
        const shipped = createHash("sha256")
          .update(await readFile(path.join(DEFAULT_ROOT, file)))
          .digest("hex");
        log(`  ${shipped === hash ? "same" : "DIFFERENT"}  ${file}`);
        if (shipped !== hash) differing.push(file);
      }
      await rm(scratch, { recursive: true, force: true });
      if (differing.length) throw new Error(`prepare does not reproduce: ${differing.join(", ")}`);
      log("prepare reproduces every shipped file");
    } else {
      const hashes = await prepare(values.out ?? DEFAULT_ROOT, log);
      for (const [file, hash] of Object.entries(hashes)) log(`  ${hash}  ${file}`);
    }
  } else if (command === "sweep") {
    await sweep(rest);
  } else {
    throw new UsageError(command ? `unknown command: ${command}` : "missing command");
  }
}

// tfjs prints hints with console.log; keep stdout for the result alone.
console.log = (...args: unknown[]) => log(args.map(String).join(" "));

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage =
    error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));
  log(`lab: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) log(USAGE);
  process.exit(usage ? 2 : 1);
});
