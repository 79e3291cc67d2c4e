/**
 * Adam over one flat parameter vector. tfjs's Adam runs ~13 small ops per variable per step; a
 * small model's step is dominated by such per-op overhead (LAB.md), so this keeps the moments as
 * two flat vectors and updates every trainable variable with ~11 vector ops plus one split.
 * Same update as tf.train.adam: m̂/(√v̂ + ε), with the bias corrections folded into two scalars.
 */
import * as tf from "@tensorflow/tfjs";

export interface FlatAdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  /** tfjs's default epsilon on float32 backends. */
  epsilon?: number;
}

export class FlatAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private readonly constants: { beta1: tf.Scalar; oneMinusBeta1: tf.Scalar; beta2: tf.Scalar; oneMinusBeta2: tf.Scalar };
  private step = 0;
  private readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  /** `vars` in the order the flat gradient lists them. */
  constructor(
    private readonly vars: tf.Variable[],
    options: FlatAdamOptions,
  ) {
    this.sizes = vars.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.lr = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-7;
    [this.m, this.v] = tf.tidy(() => [tf.variable(tf.zeros([total]), false), tf.variable(tf.zeros([total]), false)]);
    // Kept scalars: a JS number in an op would upload a new scalar tensor every step.
    this.constants = {
      beta1: tf.scalar(this.beta1),
      oneMinusBeta1: tf.scalar(1 - this.beta1),
      beta2: tf.scalar(this.beta2),
      oneMinusBeta2: tf.scalar(1 - this.beta2),
    };
  }

  /** Applies one Adam step given the gradient of every variable, flattened and concatenated. */
  applyFlatGradient(g: tf.Tensor1D): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    // m̂/(√v̂ + ε) = (√c2/c1) · m/(√v + ε√c2)
    const stepSize = (this.lr * Math.sqrt(c2)) / c1;
    const eps = this.epsilon * Math.sqrt(c2);
    const k = this.constants;
    tf.tidy(() => {
      const m = tf.add(tf.mul(this.m, k.beta1), tf.mul(g, k.oneMinusBeta1));
      const v = tf.add(tf.mul(this.v, k.beta2), tf.mul(tf.square(g), k.oneMinusBeta2));
      this.m.assign(m);
      this.v.assign(v);
      const update = tf.mul(tf.div(m, tf.add(tf.sqrt(v), tf.scalar(eps))), tf.scalar(stepSize));
      const parts = tf.split(update, this.sizes);
      this.vars.forEach((variable, i) => variable.assign(tf.sub(variable, tf.reshape(parts[i] as tf.Tensor, variable.shape))));
    });
  }

  dispose(): void {
    tf.dispose([this.m, this.v, ...Object.values(this.constants)]);
  }
}
