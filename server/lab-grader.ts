import "server-only";
import path from "node:path";
import { readFile } from "node:fs/promises";
import type { LabSettings } from "@/lib/lab/settings";

/**
 * The server's own headless lab run for challenge grading (docs/decisions/033). The lab core (lib/lab, TensorFlow.js)
 * is loaded on first use only, on the wasm backend (the lab's default; deterministic for a seed and backend), with
 * the shipped data and base weights from public/lab. Runs are queued one at a time (the machine has two cores);
 * at most MAX_QUEUED wait, further submissions are refused as busy. The training loop yields to the event loop
 * after every batch (setImmediate), so other requests keep being served while a run trains.
 */

export type GradeNumbers = { testAccuracy: number; trainingFlops: number; trainableParams: number; backend: string; ms: number };

export const MAX_QUEUED = 4;
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

export class GraderBusy extends Error {
  constructor() {
    super("The grader is busy with other submissions; try again in a minute.");
    this.name = "GraderBusy";
  }
}

type Lab = typeof import("@/lib/lab");
let loaded: Promise<{
  lab: Lab;
  data: Awaited<ReturnType<Lab["loadLabData"]>>;
  bases: Map<string, Awaited<ReturnType<Lab["loadBaseWeights"]>>>;
  backend: string;
}> | null = null;

function labRoot() {
  return path.join(process.cwd(), "public/lab");
}

async function load() {
  loaded ??= (async () => {
    const lab = await import("@/lib/lab");
    const wasmDir = path.join(process.cwd(), "node_modules/@tensorflow/tfjs-backend-wasm/dist") + path.sep;
    const backend = await lab.initLabBackend("wasm", wasmDir);
    const loader = async (file: string) => new Uint8Array(await readFile(path.join(labRoot(), file)));
    const data = await lab.loadLabData(loader);
    const bases = new Map<string, Awaited<ReturnType<Lab["loadBaseWeights"]>>>();
    for (const name of ["disjoint", "permuted", "same-classes"]) bases.set(name, await lab.loadBaseWeights(loader, name));
    return { lab, data, bases, backend };
  })().catch((e) => {
    loaded = null;
    throw e;
  });
  return loaded;
}

/** Re-run `settings` headless and measure what the challenge checks. Queued; refuses with GraderBusy when the queue is full. */
export function gradeLabSettings(settings: LabSettings): Promise<GradeNumbers> {
  if (waiting >= MAX_QUEUED) return Promise.reject(new GraderBusy());
  waiting++;
  const run = queue.then(async () => {
    try {
      const { lab, data, bases, backend } = await load();
      const started = performance.now();
      const plan = lab.planFor(settings);
      const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
      const result = await lab.runOnce(settings, plan, {
        data,
        base: settings.base === "none" ? undefined : bases.get(settings.base),
        onBatch: yieldNow,
      });
      // Training FLOPs of the whole run: per-sample training FLOPs (the mean over a schedule's epochs) × n × epochs,
      // plus the one-off cache pass (docs/LAB.md "FLOP accounting", lib/lab/cost.ts).
      const trainingFlops = result.trainFlopsPerSample * settings.n * settings.epochs + result.cacheFlopsPerSample * settings.n;
      return {
        testAccuracy: result.testAccuracy,
        trainingFlops,
        trainableParams: result.trainableParams,
        backend,
        ms: performance.now() - started,
      };
    } finally {
      waiting--;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
