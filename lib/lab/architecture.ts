/**
 * The lab's network as data: the page draws it, the cost panel counts it, and model.ts builds it.
 * MLP 64-128-64-32 plus a new 5-way head: 18,821 parameters, k = 0…3 freezable body layers.
 */

/** One dense layer. */
export interface DenseSpec {
  /** Stable name; also the tfjs layer name, so base weights load by name. */
  name: string;
  /** Input width. */
  inputs: number;
  /** Output width. */
  units: number;
  /** ReLU for the body, linear (logits) for the head. */
  activation: "relu" | "linear";
}

export const INPUT_SIDE = 8;
export const INPUT_FEATURES = INPUT_SIDE * INPUT_SIDE;

/** The body shared with the base models; these are the layers a user can freeze. */
export const BODY: readonly DenseSpec[] = [
  { name: "dense_1", inputs: INPUT_FEATURES, units: 128, activation: "relu" },
  { name: "dense_2", inputs: 128, units: 64, activation: "relu" },
  { name: "dense_3", inputs: 64, units: 32, activation: "relu" },
];

/** The head is always new and always trained. */
export function headSpec(classes: number): DenseSpec {
  const last = BODY[BODY.length - 1] as DenseSpec;
  return { name: "head", inputs: last.units, units: classes, activation: "linear" };
}

/** Body plus head for a task with `classes` outputs. */
export function layersFor(classes: number): DenseSpec[] {
  return [...BODY, headSpec(classes)];
}

/** Largest k: every body layer frozen, only the head trains. */
export const MAX_FROZEN = BODY.length;
