/**
 * `npm run bench -- <name>…` runs the named benchmarks (all when none is named) and merges each
 * one's result under its own key in bench/results/latest.json, so benches owned by different
 * people never overwrite each other.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

type Bench = (flags: string[]) => Promise<unknown>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  lab: async () => (await import("./lab.mjs")).runLabBench,
  "lab-browser": async () => (await import("./lab-browser.mjs")).runLabBrowserBench,
  "lab-page": async () => (await import("./lab-page.mjs")).runLabPageBench,
  load: async () => (await import("./load.mjs")).runLoadBench,
  faults: async () => (await import("./faults.mjs")).runFaultsBench,
  sets: async () => (await import("./sets.mjs")).runSetsBench,
  progress: async () => (await import("./progress.mjs")).runProgressBench,
  cohorts: async () => (await import("./cohorts.mjs")).runCohortsBench,
};

/** Benches that need a browser or start production servers: run only when named. */
const SERVER_BENCHES = new Set(["lab-browser", "lab-page", "load", "faults"]);

const RESULTS = path.join(import.meta.dirname, "results", "latest.json");

async function main(args: string[]) {
  // `npm run bench -- lab --backend cpu`: names first, then flags for the named bench.
  const firstFlag = args.findIndex((a) => a.startsWith("--"));
  const names = firstFlag === -1 ? args : args.slice(0, firstFlag);
  const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
  // With no name: every bench except the ones that need a browser (lab-page also needs a built app).
  const selected = names.length ? names : Object.keys(BENCHES).filter((n) => !SERVER_BENCHES.has(n));
  const unknown = selected.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    process.stderr.write(`unknown bench: ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})\n`);
    process.exit(2);
  }
  for (const name of selected) {
    const run = await (BENCHES[name] as () => Promise<Bench>)();
    const result = await run(flags);
    // Runs with non-default flags keep their own key, so they never replace the default run's figures.
    const key = flags.length ? `${name} ${flags.join(" ")}` : name;
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>;
    } catch {
      // First bench to write the file.
    }
    all[key] = result;
    await mkdir(path.dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, JSON.stringify(all, null, 2) + "\n");
    process.stderr.write(`bench ${key}: results merged into ${path.relative(process.cwd(), RESULTS)}\n`);
  }
}

await main(process.argv.slice(2));
