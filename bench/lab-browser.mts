/**
 * Lab in headless Chromium (issue 4, Performance (c) and a first look at (d)), without the app:
 * bundles bench/lab-browser/worker.ts with esbuild, serves it with public/lab and the tfjs wasm files,
 * and runs one sweep in a Web Worker from a blank page. (d) here is the longest main-thread task of a
 * page that does nothing else; the real /lab page's figure must be measured on the page itself.
 * Usage: npm run bench -- lab-browser [--n 500] [--epochs 20] [--backend wasm|cpu] [--sweeps 2] [--js-flags=--no-liftoff]
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { chromium } from "@playwright/test";
import { DEFAULT_LAB_SETTINGS, type LabSettings } from "@/lib/lab/shared";

const ROOT = path.resolve(import.meta.dirname, "..");
const log = (line: string) => process.stderr.write(line + "\n");
// esbuild comes with tsx. The system Chromium when there is one (this machine has no Playwright browser download).
const CHROMIUM = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

const PAGE = `<!doctype html><meta charset="utf-8"><title>lab bench</title><script>
window.longest = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration); })
  .observe({ type: "longtask", buffered: true });
window.sweep = (settings) => new Promise((resolve) => {
  const worker = new Worker("/worker.js");
  const start = performance.now();
  worker.onmessage = (e) => { resolve({ ...e.data, wallMs: performance.now() - start, longestTaskMs: window.longest }); worker.terminate(); };
  worker.postMessage(settings);
});
</script>`;

export async function runLabBrowserBench(argv: string[] = []) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      n: { type: "string" },
      epochs: { type: "string" },
      backend: { type: "string" },
      sweeps: { type: "string" },
      "js-flags": { type: "string" },
    },
  });
  const settings: LabSettings = {
    ...DEFAULT_LAB_SETTINGS,
    base: "same-classes",
    n: Number(values.n ?? 500),
    epochs: Number(values.epochs ?? 20),
    backend: (values.backend ?? "wasm") as LabSettings["backend"],
  };
  const bundle = await build({
    entryPoints: [path.join(ROOT, "bench/lab-browser/worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    minify: true,
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // tfjs-backend-wasm's Node-only branches reference these; a browser never takes them.
    external: ["fs", "path", "worker_threads", "perf_hooks", "os", "crypto"],
  });
  const workerJs = bundle.outputFiles[0]?.text ?? "";
  log(`worker bundle: ${(workerJs.length / 1024).toFixed(0)} KB`);

  const server = createServer((req, res) => void serve(req, res));
  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/") return res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      if (url.pathname === "/worker.js") return res.writeHead(200, { "content-type": "text/javascript" }).end(workerJs);
      const file = url.pathname.startsWith("/lab/tfjs/")
        ? path.join(ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist", path.basename(url.pathname))
        : path.join(ROOT, "public", path.normalize(url.pathname));
      const type = file.endsWith(".wasm") ? "application/wasm" : file.endsWith(".json") ? "application/json" : "application/octet-stream";
      const body = await readFile(file);
      res.writeHead(200, { "content-type": type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", ...(values["js-flags"] ? [`--js-flags=${values["js-flags"]}`] : [])],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const sweeps = [];
    for (let i = 0; i < Number(values.sweeps ?? 2); i++) {
      const result = (await page.evaluate(
        (s) => (window as unknown as { sweep: (s: unknown) => Promise<unknown> }).sweep(s),
        settings,
      )) as {
        ok: boolean;
        error?: string;
        backend: string;
        ms: number;
        wallMs: number;
        longestTaskMs: number;
        matMulGflops: Record<string, number>;
        profile: Record<string, Record<string, number>>;
        runs: { frozen: number | null; cached: boolean; msPerEpoch: number; totalMs: number; valAccuracy: number }[];
      };
      if (!result.ok) throw new Error(`sweep failed in the worker: ${result.error}`);
      const uncached = result.runs.filter((r) => !r.cached);
      const fiveRunTrainMs = uncached.reduce((t, r) => t + r.totalMs, 0);
      sweeps.push({
        backend: result.backend,
        sweepMs: Math.round(result.ms),
        wallMs: Math.round(result.wallMs),
        scratchAndK0to3TrainMs: Math.round(fiveRunTrainMs),
        longestMainThreadTaskMs: Math.round(result.longestTaskMs),
        matMulGflops: result.matMulGflops,
        stepMsByOptimizer: result.profile,
        runs: result.runs.map((r) => ({
          frozen: r.frozen,
          cached: r.cached,
          msPerEpoch: Number(r.msPerEpoch.toFixed(1)),
          valAccuracy: Number(r.valAccuracy.toFixed(4)),
        })),
      });
      log(
        `  sweep ${i + 1}: ${result.backend}, whole sweep ${(result.ms / 1000).toFixed(2)} s in the worker (8 runs + warm-up + evaluation), ` +
          `scratch + k=0…3 training ${(fiveRunTrainMs / 1000).toFixed(2)} s, wall ${(result.wallMs / 1000).toFixed(2)} s incl. worker start and loading, longest main-thread task ${Math.round(result.longestTaskMs)} ms; matMul GFLOP/s ${JSON.stringify(result.matMulGflops)}`,
      );
    }
    return {
      date: new Date().toISOString(),
      command: `npm run bench -- lab-browser${argv.length ? " " + argv.join(" ") : ""}`,
      chromium: browser.version(),
      settings,
      sweeps,
    };
  } finally {
    await browser.close();
    server.close();
  }
}
