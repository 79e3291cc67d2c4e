import { describe, expect, it } from "vitest";
import { BODY, layersFor } from "./architecture";
import { runCost } from "./cost";

// Hand-computed for 64-128-64-32-5 (forward FLOPs 2·in·out per layer):
// dense_1 16384, dense_2 16384, dense_3 4096, head 320 → forward 37184.
// Params: 8320 + 8256 + 2080 + 165 = 18821.
const layers = layersFor(5);

describe("training cost accounting", () => {
  it("counts the network's 18,821 parameters and 37,184 forward FLOPs per sample", () => {
    const cost = runCost(layers, 0, false);
    expect(cost.trainableParams + cost.frozenParams).toBe(18821);
    expect(cost.forwardFlopsPerSample).toBe(37184);
    expect(BODY).toHaveLength(3);
  });

  it.each([
    // k, trainable, frozen, train FLOPs = forward + weight grads (trainable) + input grads (above lowest trainable)
    [0, 18821, 0, 37184 + 37184 + (16384 + 4096 + 320)],
    [1, 10501, 8320, 37184 + (16384 + 4096 + 320) + (4096 + 320)],
    [2, 2245, 16576, 37184 + (4096 + 320) + 320],
    [3, 165, 18656, 37184 + 320 + 0],
  ])("k = %i frozen: %i trainable, %i frozen parameters, %i training FLOPs per sample", (k, trainable, frozen, flops) => {
    const cost = runCost(layers, k, false);
    expect(cost).toEqual({
      trainableParams: trainable,
      frozenParams: frozen,
      forwardFlopsPerSample: 37184,
      trainFlopsPerSample: flops,
      cacheFlopsPerSample: 0,
    });
  });

  it("with a cache, the frozen forward pass moves out of every epoch into a one-off cost", () => {
    expect(runCost(layers, 3, true)).toMatchObject({ trainFlopsPerSample: 320 + 320, cacheFlopsPerSample: 16384 + 16384 + 4096 });
    expect(runCost(layers, 1, true)).toMatchObject({ trainFlopsPerSample: 62400 - 16384, cacheFlopsPerSample: 16384 });
    // Nothing frozen → nothing to cache.
    expect(runCost(layers, 0, true)).toEqual(runCost(layers, 0, false));
  });

  it("training FLOPs fall strictly as more layers are frozen (2.5× from k = 0 to k = 3)", () => {
    const flops = [0, 1, 2, 3].map((k) => runCost(layers, k, false).trainFlopsPerSample);
    for (let k = 1; k < flops.length; k++) expect(flops[k]).toBeLessThan(flops[k - 1] as number);
    expect((flops[0] as number) / (flops[3] as number)).toBeCloseTo(2.54, 2);
  });

  it("rejects a freeze point outside the body", () => {
    expect(() => runCost(layers, 4, false)).toThrow();
    expect(() => runCost(layers, -1, false)).toThrow();
  });
});
