/**
 * The lab's command line (`npm run lab -- <command>`):
 *   prepare [--out DIR]   build public/lab/data and train the base models (wasm, fixed seeds)
 *   prepare --check       rebuild in a temp folder and verify the shipped files are reproduced
 *   sweep [--json] [--base similar|different|none] [--n 100] [--epochs 20] [--seed 1]
 *         [--backend wasm|cpu] [--lr 0.01] [--batch 32] [--preset cost|small-data|different-task|cache]
 *         (a preset supplies the settings; explicit flags override them; its verdict is printed too)
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
  LAB_PRESET_IDS,
  LAB_PRESET_TABLE,
  LAB_SETTINGS,
  loadBaseWeights,
  loadLabData,
  runSweep,
  type LabSettings,
  type RunResult,
} from "@/lib/lab";
import { initNodeBackend, nodeLoader } from "./lab/node";
import { DEFAULT_ROOT, prepare } from "./lab/prepare";

const log = (line: string) => process.stderr.write(line + "\n");

class UsageError extends Error {}

const USAGE = `usage:
  npm run lab -- prepare [--out DIR | --check]
  npm run lab -- sweep [--json] [--base similar|different|none] [--n 100] [--epochs 20] [--seed 1] [--backend wasm|cpu] [--lr 0.01] [--batch 32] [--preset cost|small-data|different-task|cache]`;

/** Validates sweep flags with the same table the page uses for its URL. */
function sweepSettings(values: Record<string, string | boolean | undefined>): LabSettings {
  const preset = values.preset;
  if (typeof preset === "string" && !isLabPresetId(preset)) throw new UsageError(`--preset ${preset}: expected one of ${LAB_PRESET_IDS.join("|")}`);
  const settings: Record<string, unknown> = { ...(typeof preset === "string" && isLabPresetId(preset) ? LAB_PRESET_TABLE[preset].settings : DEFAULT_LAB_SETTINGS) };
  for (const key of ["base", "n", "epochs", "seed", "backend", "lr", "batch"] as const) {
    const raw = values[key];
    if (raw === undefined) continue;
    const parsed = LAB_SETTINGS[key].schema.safeParse(raw);
    if (!parsed.success) throw new UsageError(`--${key} ${String(raw)}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    settings[key] = parsed.data;
  }
  if (settings.backend === "webgl") throw new UsageError("--backend webgl is browser-only; use wasm or cpu");
  return settings as LabSettings;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function summary(r: RunResult) {
  return {
    frozen: r.frozen,
    cached: r.cached,
    trainableParams: r.trainableParams,
    frozenParams: r.frozenParams,
    trainFlopsPerSample: r.trainFlopsPerSample,
    msPerEpoch: round(r.msPerEpoch, 2),
    trainAccuracy: round(r.trainAccuracy, 4),
    valAccuracy: round(r.valAccuracy, 4),
  };
}

function table(runs: RunResult[]): string {
  const head = ["run", "trainable", "frozen", "train FLOPs/sample", "ms/epoch", "train acc", "val acc"];
  const rows = runs.map((r) => [
    r.frozen === null ? "scratch" : `k=${r.frozen}${r.cached ? " cached" : ""}`,
    String(r.trainableParams),
    String(r.frozenParams),
    String(r.trainFlopsPerSample),
    r.msPerEpoch.toFixed(1),
    r.trainAccuracy.toFixed(3),
    r.valAccuracy.toFixed(3),
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
      base: { type: "string" },
      n: { type: "string" },
      epochs: { type: "string" },
      seed: { type: "string" },
      backend: { type: "string" },
      lr: { type: "string" },
      batch: { type: "string" },
      preset: { type: "string" },
    },
  });
  if (positionals.length) throw new UsageError(`unexpected argument: ${positionals.join(" ")}`);
  const settings = sweepSettings(values);
  const backend = await initNodeBackend(settings.backend);
  const loader = nodeLoader();
  const data = await loadLabData(loader);
  const base = settings.base === "none" ? undefined : await loadBaseWeights(loader, settings.base);
  log(`sweep: base ${settings.base}, n ${settings.n}, ${settings.epochs} epochs, seed ${settings.seed}, ${backend}`);
  const started = performance.now();
  const runs = await runSweep(settings, { data, base }, (p) => {
    if (p.result) log(`  ${p.done}/${p.total} ${p.plan.frozen === null ? "scratch" : `k=${p.plan.frozen}${p.plan.cached ? " cached" : ""}`}: val ${p.result.valAccuracy.toFixed(3)}, ${p.result.msPerEpoch.toFixed(1)} ms/epoch`);
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
      runs: runs.map(summary),
      ...(preset && verdict ? { preset: preset.id, verdict } : {}),
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  } else {
    process.stdout.write(`base ${settings.base}, n ${settings.n}, ${settings.epochs} epochs, lr ${settings.lr}, batch ${settings.batch}, seed ${settings.seed}, backend ${backend}\n${table(runs)}\n`);
    if (preset && verdict) process.stdout.write(`\npreset ${preset.id} — ${preset.title}: ${verdict.shown ? "shown" : "NOT shown"}. ${verdict.detail}\n`);
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
        const shipped = createHash("sha256").update(await readFile(path.join(DEFAULT_ROOT, file))).digest("hex");
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
  const usage = error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));
  log(`lab: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) log(USAGE);
  process.exit(usage ? 2 : 1);
});
