/**
 * Adam for the lab's hand-written step: the same update as tf.train.adam, m̂/(√v̂ + ε), with the
 * bias corrections folded into two JS numbers per step (tfjs keeps them as tensors and divides
 * every moment by them), and constants kept as tensors instead of re-uploaded scalars.
 *
 * Why per variable and not one flat vector: a flat version (concat the gradients, one update,
 * split back) dispatches fewer kernels and was ~10% faster in Node, but tfjs-wasm's Concat and
 * SplitV copy through JavaScript, and in Chromium that made a k = 0 step 3–4× slower
 * (bench/lab-browser.mts measures both, with the flat one in bench/lab-browser/flat-adam.ts; docs/decisions/011).
 */
import * as tf from "@tensorflow/tfjs";

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tfjs's default epsilon on float32 backends. */
  epsilon?: number;
}

export class LabAdam {
  private readonly moments: { m: tf.Variable; v: tf.Variable }[];
  private readonly constants: { beta1: tf.Scalar; oneMinusBeta1: tf.Scalar; beta2: tf.Scalar; oneMinusBeta2: tf.Scalar };
  private step = 0;
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  /** `vars` in the order gradients will be given. */
  constructor(
    private readonly vars: tf.Variable[],
    options: AdamOptions,
  ) {
    this.lr = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    this.moments = vars.map((v) => tf.tidy(() => ({ m: tf.variable(tf.zerosLike(v), false), v: tf.variable(tf.zerosLike(v), false) })));
    // Kept scalars: a JS number in an op would upload a new scalar tensor every step.
    this.constants = {
      beta1: tf.scalar(this.beta1),
      oneMinusBeta1: tf.scalar(1 - this.beta1),
      beta2: tf.scalar(this.beta2),
      oneMinusBeta2: tf.scalar(1 - this.beta2),
    };
  }

  /** One Adam step; `grads[i]` is the gradient of `vars[i]`. */
  applyGradients(grads: readonly tf.Tensor[]): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    const k = this.constants;
    tf.tidy(() => {
      // m̂/(√v̂ + ε) = (√c2/c1) · m/(√v + ε√c2)
      const stepSize = tf.scalar((this.lr * Math.sqrt(c2)) / c1);
      const eps = tf.scalar(this.epsilon * Math.sqrt(c2));
      this.vars.forEach((variable, i) => {
        const g = grads[i] as tf.Tensor;
        const state = this.moments[i] as { m: tf.Variable; v: tf.Variable };
        const m = tf.add(tf.mul(state.m, k.beta1), tf.mul(g, k.oneMinusBeta1));
        const v = tf.add(tf.mul(state.v, k.beta2), tf.mul(tf.square(g), k.oneMinusBeta2));
        state.m.assign(m);
        state.v.assign(v);
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), stepSize)));
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.moments.flatMap((s) => [s.m, s.v]), ...Object.values(this.constants)]);
  }
}
