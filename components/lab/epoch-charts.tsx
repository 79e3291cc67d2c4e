import type { EpochRecord, RunPlan } from "@/lib/lab/shared";
import { LineChart } from "./line-chart";
import { planLabel } from "./format";

const TRAIN = "stroke-sky-700 dark:stroke-sky-300";
const VAL = "stroke-orange-700 dark:stroke-orange-300";

/** Live curves of the run being trained: loss, accuracy and time per epoch. */
export function EpochCharts({ plan, history, epochs }: { plan: RunPlan; history: readonly EpochRecord[]; epochs: number }) {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <section aria-labelledby="epoch-charts-title" className="space-y-2">
      <h3 id="epoch-charts-title" className="font-semibold">
        Per epoch — {planLabel(plan)}
      </h3>
      <div className="grid gap-4 md:grid-cols-3">
        <LineChart
          title="Loss"
          xCount={epochs}
          yMin={0}
          format={(v) => v.toFixed(2)}
          series={[
            { name: "training", values: history.map((r) => r.loss), stroke: TRAIN },
            { name: "validation", values: history.map((r) => r.valLoss), stroke: VAL, dashed: true },
          ]}
        />
        <LineChart
          title="Accuracy"
          xCount={epochs}
          yMin={0}
          yMax={1}
          format={pct}
          series={[
            { name: "training", values: history.map((r) => r.acc), stroke: TRAIN },
            { name: "validation", values: history.map((r) => r.valAcc), stroke: VAL, dashed: true },
          ]}
        />
        <LineChart
          title="Time per epoch"
          xCount={epochs}
          yMin={0}
          format={(v) => `${v.toFixed(0)} ms`}
          series={[{ name: "ms (training steps)", values: history.map((r) => r.ms), stroke: "stroke-violet-700 dark:stroke-violet-300" }]}
        />
      </div>
    </section>
  );
}
