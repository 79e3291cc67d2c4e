/**
 * The network as plain tf.Variables (no tfjs-layers inside the training loop): one kernel and one
 * bias per dense layer, so the loop can hand exactly the trainable ones to the optimizer.
 * Base models are stored in the standard tfjs `model.json` + weights format (see scripts/lab).
 */
import * as tf from "@tensorflow/tfjs";
import { BODY, type DenseSpec } from "./architecture";
import type { LabAssetLoader } from "./loader";
import { modelJsonPath } from "./loader";
import { deriveSeed } from "./random";

export interface LabNet {
  specs: DenseSpec[];
  kernels: tf.Variable[];
  biases: tf.Variable[];
}

/** Weights of one dense layer as plain arrays (kernel is row-major inputs × units). */
export interface DenseWeights {
  kernel: Float32Array;
  bias: Float32Array;
}

/** A base model's layers, decoded from its model.json + weight file. */
export interface BaseWeights {
  name: string;
  layers: DenseWeights[];
}

/** Glorot-uniform kernels and zero biases, each layer seeded from `seed` and its name. */
export function createNet(specs: readonly DenseSpec[], seed: number): LabNet {
  const kernels: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (const spec of specs) {
    const limit = Math.sqrt(6 / (spec.inputs + spec.units));
    // tf.variable copies its initial value, so the initial tensors are tidied away.
    kernels.push(
      tf.tidy(() => tf.variable(tf.randomUniform([spec.inputs, spec.units], -limit, limit, "float32", deriveSeed(seed, spec.name)), true)),
    );
    biases.push(tf.tidy(() => tf.variable(tf.zeros([spec.units]), true)));
  }
  return { specs: [...specs], kernels, biases };
}

export function disposeNet(net: LabNet): void {
  for (const v of [...net.kernels, ...net.biases]) v.dispose();
}

/** Copies the base's body layers into the net (the head stays new). */
export function loadBody(net: LabNet, base: BaseWeights): void {
  BODY.forEach((spec, i) => {
    const layer = base.layers[i];
    const kernel = net.kernels[i];
    const bias = net.biases[i];
    if (!layer || !kernel || !bias) throw new Error(`Base "${base.name}" has no layer ${spec.name}`);
    if (layer.kernel.length !== spec.inputs * spec.units || layer.bias.length !== spec.units) {
      throw new Error(`Base "${base.name}" layer ${spec.name} has the wrong shape`);
    }
    tf.tidy(() => {
      kernel.assign(tf.tensor2d(layer.kernel, [spec.inputs, spec.units]));
      bias.assign(tf.tensor1d(layer.bias));
    });
  });
}

/** Reads the net's weights back into arrays (for saving a base). */
export async function readWeights(net: LabNet): Promise<DenseWeights[]> {
  return Promise.all(
    net.specs.map(async (_, i) => ({
      kernel: (await (net.kernels[i] as tf.Variable).data()) as Float32Array,
      bias: (await (net.biases[i] as tf.Variable).data()) as Float32Array,
    })),
  );
}

/** Runs layers [from, to) on x: one fused matMul + bias + activation kernel per layer (tfjs fuses ReLU only outside a gradient tape, which the lab never opens). */
export function forward(net: LabNet, x: tf.Tensor2D, from = 0, to = net.specs.length): tf.Tensor2D {
  let h = x;
  for (let i = from; i < to; i++) {
    h = tf.fused.matMul({
      a: h,
      b: net.kernels[i] as tf.Variable,
      bias: net.biases[i],
      activation: (net.specs[i] as DenseSpec).activation,
    }) as tf.Tensor2D;
  }
  return h;
}

interface ModelJson {
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

/** Loads a shipped base (tfjs layers-model format) and decodes its dense layers in order. */
export async function loadBaseWeights(loader: LabAssetLoader, name: string): Promise<BaseWeights> {
  const jsonPath = modelJsonPath(name);
  const json = JSON.parse(new TextDecoder().decode(await loader(jsonPath))) as ModelJson;
  const dir = jsonPath.slice(0, jsonPath.lastIndexOf("/") + 1);
  const layers: DenseWeights[] = [];
  for (const group of json.weightsManifest) {
    const parts = await Promise.all(group.paths.map((p) => loader(dir + p)));
    const bytes = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
    let at = 0;
    for (const p of parts) {
      bytes.set(p, at);
      at += p.length;
    }
    let offset = 0;
    const arrays: Float32Array[] = [];
    for (const w of group.weights) {
      if (w.dtype !== "float32") throw new Error(`Unsupported weight dtype ${w.dtype}`);
      const size = w.shape.reduce((a, b) => a * b, 1);
      arrays.push(new Float32Array(bytes.slice(offset, offset + size * 4).buffer));
      offset += size * 4;
    }
    for (let i = 0; i + 1 < arrays.length; i += 2) {
      layers.push({ kernel: arrays[i] as Float32Array, bias: arrays[i + 1] as Float32Array });
    }
  }
  return { name, layers };
}
