/// <reference lib="webworker" />
// Bundled by bench/lab-browser.mts: the lab core in a real Web Worker, loading everything from /lab/.
import * as tf from "@tensorflow/tfjs";
import {
  createNet,
  createYielder,
  fetchLoader,
  forward,
  initLabBackend,
  layersFor,
  loadBaseWeights,
  loadLabData,
  runSweep,
  targetTrainSet,
  type LabData,
  type LabSettings,
} from "@/lib/lab";
import { LabAdam } from "@/lib/lab/optimizer";
import { FlatAdam } from "./flat-adam";
import { layerGradients, trainableVariables } from "@/lib/lab/step";

/**
 * ms per training step at `frozen` (batch 32), with the same hand-written gradients and three Adams:
 * the lab's per-variable LabAdam, the flat FlatAdam (concat + split), and tfjs's tf.train.adam.
 */
async function stepVariants(data: LabData, frozen: number): Promise<Record<string, number>> {
  const train = targetTrainSet(data, 640, 1);
  const net = createNet(layersFor(5), 1);
  const vars = trainableVariables(net, frozen);
  const x = tf.tensor2d(train.x, [train.count, train.features]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(train.y, "int32"), 5).toFloat());
  const options = { learningRate: 0.003, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
  const lab = new LabAdam(vars, options);
  const flat = new FlatAdam(vars, options);
  const tfAdam = tf.train.adam(0.003);
  const variants: Record<string, (grads: tf.Tensor[]) => void> = {
    labAdam: (g) => lab.applyGradients(g),
    flatAdam: (g) => flat.applyGradients(g),
    tfAdam: (g) => tfAdam.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: g[i] as tf.Tensor }))),
  };
  const out: Record<string, number> = {};
  for (const round of [0, 1]) {
    for (const [name, apply] of Object.entries(variants)) {
      const step = (b: number) =>
        tf.tidy(() => {
          const xb = tf.slice(x, [b * 32, 0], [32, 64]);
          const yb = tf.slice(y, [b * 32, 0], [32, 5]) as tf.Tensor2D;
          apply(layerGradients(net, frozen, forward(net, xb, 0, frozen), yb));
        });
      for (let b = 0; b < 20; b++) step(b);
      const t = performance.now();
      for (let r = 0; r < 5; r++) for (let b = 0; b < 20; b++) step(b);
      // Second round only: the first warms each variant up.
      if (round === 1) out[`${name}MsPerStep`] = Number(((performance.now() - t) / 100).toFixed(3));
    }
  }
  tf.dispose([x, y]);
  lab.dispose();
  flat.dispose();
  tfAdam.dispose();
  for (const v of [...net.kernels, ...net.biases]) v.dispose();
  return out;
}

/** GFLOP/s of one matMul shape on the active backend. */
function matMulRate(m: number, k: number, n: number, transposeA = false, minMs = 300): number {
  const a = tf.randomNormal(transposeA ? [k, m] : [m, k]);
  const b = tf.randomNormal([k, n]);
  for (let i = 0; i < 5; i++) tf.matMul(a, b, transposeA).dispose();
  let reps = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    const c = tf.matMul(a, b, transposeA);
    c.dataSync();
    c.dispose();
    reps++;
  }
  const ms = (performance.now() - start) / reps;
  tf.dispose([a, b]);
  return Number(((2 * m * k * n) / (ms * 1e6)).toFixed(2));
}

self.onmessage = async (event: MessageEvent<LabSettings>) => {
  const settings = event.data;
  try {
    const backend = await initLabBackend(settings.backend, "/lab/tfjs/");
    const loader = fetchLoader("/lab/");
    const data = await loadLabData(loader);
    const base = settings.base === "none" ? undefined : await loadBaseWeights(loader, settings.base);
    const start = performance.now();
    const runs = await runSweep(settings, { data, base, onBatch: createYielder(16) });
    const ms = performance.now() - start;
    const matMulGflops = {
      square512: matMulRate(512, 512, 512),
      batchStep: matMulRate(32, 64, 128),
      weightGradient: matMulRate(64, 32, 128, true),
    };
    const profile = { k0: await stepVariants(data, 0), k3: await stepVariants(data, 3) };
    self.postMessage({ ok: true, backend, ms, matMulGflops, profile, runs: runs.map(({ history: _h, ...r }) => r) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error) });
  }
};
