import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initNodeBackend } from "@/scripts/lab/node";
import { layersFor } from "./architecture";
import { createNet, disposeNet, forward } from "./model";
import { layerGradients, trainableVariables } from "./step";
import { softmaxCrossEntropy } from "./train";

beforeAll(async () => {
  await initNodeBackend("wasm");
});
afterAll(async () => {
  await initNodeBackend("wasm");
});

describe("the hand-written training step", () => {
  it.each([
    ["wasm", 0],
    ["wasm", 1],
    ["wasm", 2],
    ["wasm", 3],
    ["cpu", 0],
    ["cpu", 3],
  ] as const)("matches tfjs autodiff's gradients on %s with %i layers frozen", async (backend, frozen) => {
    await initNodeBackend(backend);
    const net = createNet(layersFor(5), 3);
    const [ours, reference] = tf.tidy(() => {
      const x = tf.randomUniform<tf.Rank.R2>([16, 64], 0, 1, "float32", 4);
      const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0], "int32"), 5).toFloat() as tf.Tensor2D;
      const h = forward(net, x, 0, frozen);
      const vars = trainableVariables(net, frozen);
      const { grads } = tf.variableGrads(() => softmaxCrossEntropy(forward(net, h, frozen), y), vars);
      const expected = tf.concat(vars.map((v) => tf.reshape(grads[v.name] as tf.Tensor, [-1])));
      return [tf.concat(layerGradients(net, frozen, h, y).map((g) => tf.reshape(g, [-1]))), expected];
    });
    const a = ours.dataSync();
    const b = reference.dataSync();
    expect(a.length).toBe(b.length);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
    expect(worst).toBeLessThan(1e-5);
    tf.dispose([ours, reference]);
    disposeNet(net);
  });
});
