/**
 * Training-cost accounting shown to the user (docs/LAB.md, "FLOP accounting"):
 * - forward FLOPs per sample of a dense layer: 2·in·out (biases and activations are not counted);
 * - a training step runs the forward pass through every layer, weight gradients only for trainable
 *   layers, and input gradients only above the lowest trainable layer;
 * - with a cached prefix the frozen forward pass runs once (cacheFlopsPerSample), not every epoch.
 */
import type { DenseSpec } from "./architecture";

export interface RunCost {
  /** Parameters the optimizer updates. */
  trainableParams: number;
  /** Parameters held fixed. */
  frozenParams: number;
  /** Forward FLOPs per sample through the whole network (inference). */
  forwardFlopsPerSample: number;
  /** FLOPs per sample per epoch of training. */
  trainFlopsPerSample: number;
  /** One-off FLOPs per sample to compute the cached frozen activations (0 without a cache). */
  cacheFlopsPerSample: number;
}

export const paramsOf = (layer: DenseSpec) => layer.inputs * layer.units + layer.units;
export const forwardFlopsOf = (layer: DenseSpec) => 2 * layer.inputs * layer.units;

/** Cost of training `layers` with the first `frozen` layers fixed (0 = fine-tune all; scratch is 0 too). */
export function runCost(layers: readonly DenseSpec[], frozen: number, cached: boolean): RunCost {
  if (frozen < 0 || frozen >= layers.length) throw new Error(`frozen must be 0…${layers.length - 1}, got ${frozen}`);
  const prefix = layers.slice(0, frozen);
  const trainable = layers.slice(frozen);
  const sum = (list: readonly DenseSpec[], f: (l: DenseSpec) => number) => list.reduce((t, l) => t + f(l), 0);
  const prefixForward = sum(prefix, forwardFlopsOf);
  const trainableForward = sum(trainable, forwardFlopsOf);
  const weightGrads = trainableForward;
  // No input gradient for the lowest trainable layer: nothing below it needs one.
  const inputGrads = sum(trainable.slice(1), forwardFlopsOf);
  const useCache = cached && frozen > 0;
  return {
    trainableParams: sum(trainable, paramsOf),
    frozenParams: sum(prefix, paramsOf),
    forwardFlopsPerSample: prefixForward + trainableForward,
    trainFlopsPerSample: (useCache ? 0 : prefixForward) + trainableForward + weightGrads + inputGrads,
    cacheFlopsPerSample: useCache ? prefixForward : 0,
  };
}
