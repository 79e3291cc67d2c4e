/**
 * `npm run bench -- <name>…` runs the named benchmarks (all when none is named) and merges each
 * one's result under its own key in bench/results/latest.json, so benches owned by different
 * people never overwrite each other.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

type Bench = () => Promise<unknown>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  lab: async () => (await import("./lab.mjs")).runLabBench,
};

const RESULTS = path.join(import.meta.dirname, "results", "latest.json");

async function main(names: string[]) {
  const selected = names.length ? names : Object.keys(BENCHES);
  const unknown = selected.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    process.stderr.write(`unknown bench: ${unknown.join(", ")} (known: ${Object.keys(BENCHES).join(", ")})\n`);
    process.exit(2);
  }
  for (const name of selected) {
    const run = await (BENCHES[name] as () => Promise<Bench>)();
    const result = await run();
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(await readFile(RESULTS, "utf8")) as Record<string, unknown>;
    } catch {
      // First bench to write the file.
    }
    all[name] = result;
    await mkdir(path.dirname(RESULTS), { recursive: true });
    await writeFile(RESULTS, JSON.stringify(all, null, 2) + "\n");
    process.stderr.write(`bench ${name}: results merged into ${path.relative(process.cwd(), RESULTS)}\n`);
  }
}

await main(process.argv.slice(2));
