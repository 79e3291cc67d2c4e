/**
 * The training loop's learning-rate groups and schedules on real tensors (wasm): at every epoch the layers
 * the schedule freezes do not change and the others do; a layer at learning rate 0 does not move; and the
 * lab's Adam takes the same steps as tf.train.adam.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { initNodeBackend, nodeLoader } from "@/scripts/lab/node";
import { layersFor } from "./architecture";
import { targetTrainSet, targetValSet, TARGET_CLASSES, type LabData } from "./dataset";
import { loadLabData } from "./index";
import { createNet, disposeNet, type LabNet } from "./model";
import { LabAdam } from "./optimizer";
import { schedulePlan, type EpochPlan } from "./schedule";
import { trainNet } from "./train";

let data: LabData;
beforeAll(async () => {
  await initNodeBackend("wasm");
  data = await loadLabData(nodeLoader());
}, 30_000);

/** Synchronous, so it sees the weights exactly at the end of the epoch (the loop does not await onEpoch). */
const snapshot = (net: LabNet) =>
  net.specs.map(
    (_, i) => [(net.kernels[i] as tf.Variable).dataSync().slice(), (net.biases[i] as tf.Variable).dataSync().slice()] as Float32Array[],
  );
const same = (a: Float32Array[], b: Float32Array[]) =>
  a.every((t, i) => Buffer.from(t.buffer).equals(Buffer.from((b[i] as Float32Array).buffer)));

/** Trains with `plans` and returns, per epoch, which layers changed during it. */
async function changedPerEpoch(plans: EpochPlan[]): Promise<boolean[][]> {
  const net = createNet(layersFor(TARGET_CLASSES), 3);
  const train = targetTrainSet(data, 64, 3);
  const val = targetValSet(data);
  let before = snapshot(net);
  const changed: boolean[][] = [];
  try {
    await trainNet(net, train, val, {
      frozen: 0,
      cached: false,
      epochs: plans.length,
      batchSize: 16,
      learningRate: 0.01,
      plans,
      seed: 3,
      onEpoch: () => {
        const after = snapshot(net);
        changed.push(after.map((layer, i) => !same(layer, before[i] as Float32Array[])));
        before = after;
      },
    });
  } finally {
    disposeNet(net);
  }
  return changed;
}

describe("training with a schedule", () => {
  it("gradual unfreezing: the layers frozen at each epoch are exactly the ones that do not move", async () => {
    const plans = schedulePlan({ schedule: "gradual", k: 0, epochs: 5, every: 1, lr: 0.01, bodyLr: 0.001, pretrained: true });
    const changed = await changedPerEpoch(plans);
    plans.forEach((plan, e) => expect(changed[e], `epoch ${e + 1}`).toEqual([0, 1, 2, 3].map((layer) => layer >= plan.frozen)));
  }, 30_000);

  it("LP-FT: the head alone first, then every layer", async () => {
    const plans = schedulePlan({ schedule: "lpft", k: 0, epochs: 4, every: 2, lr: 0.01, bodyLr: 0.001, pretrained: true });
    expect(await changedPerEpoch(plans)).toEqual([
      [false, false, false, true],
      [false, false, false, true],
      [true, true, true, true],
      [true, true, true, true],
    ]);
  }, 30_000);

  it("a layer at learning rate 0 does not move, even when it is not frozen", async () => {
    const plans = Array.from({ length: 3 }, () => ({ frozen: 0, lrs: [0.01, 0, 0.01, 0.01] }));
    expect(await changedPerEpoch(plans)).toEqual(new Array(3).fill([true, false, true, true]));
  }, 30_000);
});

describe("the lab's Adam", () => {
  it("takes the same steps as tf.train.adam (20 steps, same gradients, max abs difference < 1e-5, float32 rounding; each weight moves ~0.2)", async () => {
    const shapes = [[8, 4], [4], [4, 3]];
    const init = shapes.map((s, i) => tf.randomNormal(s, 0, 1, "float32", 10 + i));
    const ours = init.map((t) => tf.variable(t.clone(), true));
    const theirs = init.map((t) => tf.variable(t.clone(), true));
    const adam = new LabAdam(ours, { learningRate: 0.01 });
    const reference = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 20; step++) {
      const grads = shapes.map((s, i) => tf.randomNormal(s, 0, 1, "float32", 100 * step + i));
      adam.applyGradients(grads);
      reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] as tf.Tensor })));
      tf.dispose(grads);
    }
    for (let i = 0; i < ours.length; i++) {
      const a = await (ours[i] as tf.Variable).data();
      const b = await (theirs[i] as tf.Variable).data();
      const diff = Math.max(...Array.from(a, (x, j) => Math.abs(x - (b[j] ?? NaN))));
      expect(diff).toBeLessThan(1e-5);
      // …and it really moved.
      expect(Math.max(...Array.from(a, (x, j) => Math.abs(x - ((init[i] as tf.Tensor).dataSync()[j] ?? NaN))))).toBeGreaterThan(0.05);
    }
    adam.dispose();
    reference.dispose();
    tf.dispose([...init, ...ours, ...theirs]);
  });
});
