/**
 * The lab's Web Worker: the only code that loads TensorFlow.js. Training is synchronous work, so it
 * runs here and the page's main thread stays free for charts and the Stop button (issue 4).
 * Protocol: lib/lab/worker-protocol.ts.
 */
/// <reference lib="webworker" />
import {
  createYielder,
  datasetsFor,
  fetchLoader,
  initLabBackend,
  LabAbortError,
  liveTensors,
  loadBaseWeights,
  loadLabData,
  planFor,
  runOnce,
  runSweep,
  warmUp,
  type BaseWeights,
  type LabBackend,
  type LabData,
  type LabSettings,
  type RunPlan,
  type RunResult,
} from "@/lib/lab";
import type { FromLabWorker, ToLabWorker } from "@/lib/lab/worker-protocol";

declare const self: DedicatedWorkerGlobalScope;
const post = (message: FromLabWorker) => self.postMessage(message);

const loader = fetchLoader("/lab/");
let data: Promise<LabData> | undefined;
const bases = new Map<string, Promise<BaseWeights>>();
let backend: { requested: LabBackend; used: Promise<LabBackend>; warm: boolean } | undefined;
let current: { id: number; controller: AbortController } | undefined;
/** Set by "init" when the page runs a helper worker beside this one. */
let hasHelper = false;
/** Runs given to the helper, by job id. */
const delegated = new Map<number, { resolve: (results: RunResult[]) => void; reject: (error: Error) => void }>();

/** Switches backend only when the request changes; each backend is warmed up once before timing. */
// The promise is kept, not its value, so a preload and a first run never initialise twice.
function ensureBackend(requested: LabBackend): Promise<LabBackend> {
  if (backend?.requested !== requested) {
    const used = initLabBackend(requested, "/lab/tfjs/").then((name) => {
      post({ type: "ready", requested, backend: name, tensors: liveTensors() });
      return name;
    });
    backend = { requested, used, warm: false };
  }
  return backend.used;
}

function baseFor(settings: LabSettings): Promise<BaseWeights> | undefined {
  if (settings.base === "none") return undefined;
  let base = bases.get(settings.base);
  if (!base) bases.set(settings.base, (base = loadBaseWeights(loader, settings.base)));
  return base;
}

async function start(id: number, kind: "single" | "sweep", settings: LabSettings) {
  current?.controller.abort();
  const controller = new AbortController();
  current = { id, controller };
  try {
    const used = await ensureBackend(settings.backend);
    const context = {
      data: await (data ??= loadLabData(loader)),
      base: await baseFor(settings),
      signal: controller.signal,
      // Gives the worker's event loop a turn about once a frame, so "stop" arrives mid-epoch.
      onBatch: createYielder(16),
    };
    const started = performance.now();
    let results;
    if (kind === "sweep") {
      const trainElsewhere = hasHelper
        ? (seeded: LabSettings, plans: RunPlan[]) =>
            new Promise<RunResult[]>((resolve, reject) => {
              delegated.set(id, { resolve, reject });
              controller.signal.addEventListener("abort", () => reject(new LabAbortError()));
              post({ type: "delegate", id, settings: seeded, plans });
            }).catch(async (error: unknown) => {
              // A helper that failed (not a stop): train its runs here instead, one after another.
              if (error instanceof LabAbortError || controller.signal.aborted) throw error;
              const sets = datasetsFor(context.data, seeded);
              const results: RunResult[] = [];
              for (const plan of plans) results.push(await runOnce(seeded, plan, context, sets));
              return results;
            })
        : undefined;
      results = await runSweep(
        settings,
        context,
        (p) => {
          if (p.result) post({ type: "result", id, result: p.result, done: p.done, total: p.total });
          else if (p.epoch) post({ type: "epoch", id, plan: p.plan, record: p.epoch, done: p.done, total: p.total });
        },
        trainElsewhere,
      );
    } else {
      // runSweep warms up by itself; a single run does it once per backend so its first epochs are not charged one-off costs.
      if (backend && !backend.warm) {
        await warmUp(settings, context);
        backend.warm = true;
      }
      const plan = planFor(settings);
      const result = await runOnce(settings, plan, {
        ...context,
        onEpoch: (p, record) => post({ type: "epoch", id, plan: p, record, done: 0, total: 1 }),
      });
      results = [result];
      post({ type: "result", id, result, done: 1, total: 1 });
    }
    post({ type: "finished", id, results, backend: used, wallMs: performance.now() - started, tensors: liveTensors() });
  } catch (error) {
    if (error instanceof LabAbortError || controller.signal.aborted) post({ type: "stopped", id, tensors: liveTensors() });
    else post({ type: "error", id, message: error instanceof Error ? error.message : String(error), tensors: liveTensors() });
  } finally {
    if (current?.id === id) current = undefined;
  }
}

/** As the helper: trains the runs a sweep gave away, one after another, and replies with their results. */
async function train(id: number, settings: LabSettings, plans: RunPlan[]) {
  current?.controller.abort();
  const controller = new AbortController();
  current = { id, controller };
  try {
    await ensureBackend(settings.backend);
    const context = {
      data: await (data ??= loadLabData(loader)),
      base: await baseFor(settings),
      signal: controller.signal,
      onBatch: createYielder(16),
    };
    const sets = datasetsFor(context.data, settings);
    const results: RunResult[] = [];
    for (const plan of plans) results.push(await runOnce(settings, plan, context, sets));
    post({ type: "trained", id, results });
  } catch (error) {
    if (!controller.signal.aborted) post({ type: "trained", id, error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (current?.id === id) current = undefined;
  }
}

self.onmessage = (event: MessageEvent<ToLabWorker>) => {
  const message = event.data;
  if (message.type === "train") {
    void train(message.id, message.settings, message.plans);
  } else if (message.type === "trained") {
    const waiting = delegated.get(message.id);
    delegated.delete(message.id);
    if (message.results) waiting?.resolve(message.results);
    else waiting?.reject(new Error(message.error ?? "The helper worker failed"));
  } else if (message.type === "init") {
    hasHelper = message.helper ?? false;
    ensureBackend(message.backend)
      .then(() => (data ??= loadLabData(loader)))
      .catch(() => undefined); // A failed preload is retried, and reported, by the first run.
  } else if (message.type === "start") {
    void start(message.id, message.kind, message.settings);
  } else if (message.type === "stop" && current?.id === message.id) {
    current.controller.abort();
  }
};
