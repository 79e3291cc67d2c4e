// Node-side glue for the lab core: file loading from public/lab and the wasm binaries from node_modules.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { initLabBackend, type LabAssetLoader, type LabBackend } from "@/lib/lab";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
export const LAB_PUBLIC_DIR = path.join(REPO_ROOT, "public/lab");
export const NODE_WASM_DIR = path.join(REPO_ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist") + path.sep;

/** Reads lab assets from public/lab (or another root). */
export function nodeLoader(root = LAB_PUBLIC_DIR): LabAssetLoader {
  return async (file) => new Uint8Array(await readFile(path.join(root, file)));
}

/** Initialises wasm (binaries from node_modules) or cpu in Node; webgl does not exist here. */
export async function initNodeBackend(name: LabBackend): Promise<LabBackend> {
  if (name === "webgl") throw new Error("webgl is not available in Node; use wasm or cpu");
  const used = await initLabBackend(name, NODE_WASM_DIR);
  if (used !== name) throw new Error(`Backend ${name} could not be initialised (got ${used})`);
  return used;
}
