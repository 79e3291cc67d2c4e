import type { Metadata } from "next";
import { currentActor } from "@/server/data/quiz-actor";
import { listRecentLabRuns } from "@/server/data/lab-runs";
import { LabApp } from "@/components/lab/lab-app";
import { labStateFromSearchParams } from "@/components/lab/lab-url";
import { RecentLabRuns } from "@/components/lab/recent-runs";

// Rendered per request: the lab's CSP carries a nonce (lib/csp.ts), and the runs list is the viewer's.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Freeze-layers lab" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LabPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) if (typeof value === "string") params.set(key, value);
  const { settings, presetId, errors } = labStateFromSearchParams(params);
  const actor = await currentActor({ create: false });
  const runs = actor ? await listRecentLabRuns(actor) : [];
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">Freeze-layers lab</h1>
        <p className="max-w-3xl text-slate-700 dark:text-slate-300">
          Fine-tune a small network on real handwritten digits 5–9, starting from a base named for what it saw: digits 0–4 only (disjoint
          classes), 0–4 with shuffled pixels (a different input distribution), or 0–4 plus labelled 5–9 (same classes, more data). Freeze
          its lower layers, give them their own learning rate or unfreeze them gradually, and watch what it costs and what it buys. Settings
          are chosen on a validation set; accuracy is reported on a separate test set. Trained live in your browser (TensorFlow.js in a Web
          Worker); nothing is sent anywhere.
        </p>
      </header>
      <LabApp initialSettings={settings} initialPreset={presetId} urlErrors={errors} signedIn={actor?.kind === "user"} />
      {runs.length > 0 && <RecentLabRuns runs={runs} />}
    </div>
  );
}
