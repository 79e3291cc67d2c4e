/**
 * Choosing the tfjs backend. wasm is the default (fastest for this small model without a GPU,
 * docs/LAB.md); its .wasm files are served by the app itself (copied to public/lab/tfjs/ at build time
 * by scripts/lab/copy-wasm.mts) or read from node_modules in Node.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { LAB_TFJS_WASM_PATH } from "./loader";
import { LAB_BACKENDS, type LabBackend } from "./settings";

let wasmPathSet = false;

/**
 * Switches to `preferred`, falling back to wasm and then cpu when it is unavailable.
 * `wasmPath` is a URL prefix in the browser or a directory with a trailing slash in Node.
 * Returns the backend actually in use.
 */
export async function initLabBackend(preferred: LabBackend, wasmPath: string = LAB_TFJS_WASM_PATH): Promise<LabBackend> {
  if (!wasmPathSet) {
    setWasmPaths(wasmPath);
    wasmPathSet = true;
  }
  const order: LabBackend[] = [preferred, ...LAB_BACKENDS.filter((b) => b !== preferred && b !== "webgl")];
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // Try the next one: webgl may be missing in a worker, wasm may fail to fetch its binary.
    }
  }
  throw new Error("No TensorFlow.js backend could be initialised");
}
