import * as tf from "@tensorflow/tfjs";
import type { AdamOptions } from "@/lib/lab/optimizer";

/**
 * The flat variant of LabAdam (lib/lab/optimizer.ts), only for the benchmark's comparison: moments as two flat vectors, one update,
 * one split. Faster in Node, slower in Chromium (see LabAdam).
 */
export class FlatAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private step = 0;

  constructor(
    private readonly vars: tf.Variable[],
    private readonly options: Required<AdamOptions>,
  ) {
    this.sizes = vars.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    [this.m, this.v] = tf.tidy(() => [tf.variable(tf.zeros([total]), false), tf.variable(tf.zeros([total]), false)]);
  }

  applyGradients(grads: readonly tf.Tensor[]): void {
    this.step++;
    const { learningRate, beta1, beta2, epsilon } = this.options;
    const c1 = 1 - beta1 ** this.step;
    const c2 = 1 - beta2 ** this.step;
    tf.tidy(() => {
      const g = tf.concat(grads.map((t) => tf.reshape(t, [-1])));
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.m.assign(m);
      this.v.assign(v);
      const update = tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon * Math.sqrt(c2))), (learningRate * Math.sqrt(c2)) / c1);
      const parts = tf.split(update, this.sizes);
      this.vars.forEach((variable, i) => variable.assign(tf.sub(variable, tf.reshape(parts[i] as tf.Tensor, variable.shape))));
    });
  }

  dispose(): void {
    tf.dispose([this.m, this.v]);
  }
}
