/**
 * One training step's gradients, written out by hand for the MLP instead of recorded on tfjs's
 * gradient tape. Outside the tape tfjs fuses matMul + bias + ReLU into one kernel, and there is no
 * tape bookkeeping (identity copies, saved tensors, per-node closures): at batch 32 the step is
 * bound by per-op overhead, not FLOPs (docs/LAB.md), so fewer ops is what makes it faster.
 * step.test.ts checks these gradients against tf.variableGrads.
 */
import * as tf from "@tensorflow/tfjs";
import type { LabNet } from "./model";

/** The variables of layers [from, end), in the order {@link layerGradients} lists their gradients. */
export function trainableVariables(net: LabNet, from: number): tf.Variable[] {
  const out: tf.Variable[] = [];
  for (let i = from; i < net.specs.length; i++) out.push(net.kernels[i] as tf.Variable, net.biases[i] as tf.Variable);
  return out;
}

/**
 * Gradient of the mean softmax cross-entropy with respect to layers [from, end), one tensor per
 * variable of {@link trainableVariables}, in its order. `x` is the input to layer `from` (pixels or
 * cached activations). `invBatch`, if given, is a kept scalar 1 / batch size (saves an upload per step). Call inside tf.tidy.
 */
export function layerGradients(net: LabNet, from: number, x: tf.Tensor2D, onehot: tf.Tensor2D, invBatch?: tf.Scalar): tf.Tensor[] {
  const layers = net.specs.length;
  // acts[j] is the input of layer from + j; the last entry is the logits.
  const acts: tf.Tensor2D[] = [x];
  for (let i = from; i < layers; i++) {
    acts.push(
      tf.fused.matMul({
        a: acts[acts.length - 1] as tf.Tensor2D,
        b: net.kernels[i] as tf.Variable,
        bias: net.biases[i],
        activation: net.specs[i]?.activation,
      }) as tf.Tensor2D,
    );
  }
  const logits = acts[acts.length - 1] as tf.Tensor2D;
  // d(mean CE)/d(logits) = (softmax − onehot) / batch
  let d: tf.Tensor2D = tf.mul(tf.sub(tf.softmax(logits), onehot), invBatch ?? tf.scalar(1 / x.shape[0]));
  // tfjs-wasm's matMul with transposeA/transposeB is 4–7× slower than transpose + plain matMul at
  // these shapes; the cpu backend is the other way round (its transpose is a JS copy). Measured: BENCHMARKS.md.
  const explicitTranspose = tf.getBackend() === "wasm";
  const matMulT = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean): tf.Tensor2D =>
    explicitTranspose
      ? tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b)
      : tf.matMul(a, b, transposeA, transposeB);
  const parts: tf.Tensor[] = [];
  for (let i = layers - 1; i >= from; i--) {
    const input = acts[i - from] as tf.Tensor2D;
    parts.push(tf.sum(d, 0), matMulT(input, d, true, false));
    // No input gradient below the lowest trainable layer: nothing there learns.
    if (i > from) {
      // The input came out of a ReLU: its gradient passes only where it was positive.
      d = tf.mul(matMulT(d, net.kernels[i] as tf.Variable, false, true), tf.step(input));
    }
  }
  // parts were pushed top-down as (bias, kernel); reverse to (kernel, bias) bottom-up.
  return parts.reverse();
}
