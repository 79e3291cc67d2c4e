/**
 * File loading is injected so the core stays pure: the browser fetches `/lab/...`, Node reads files.
 * Paths are relative to the lab root (public/lab/ in the repo, /lab/ on the site).
 */
export type LabAssetLoader = (path: string) => Promise<Uint8Array>;

/** A loader for the browser or a Web Worker: `fetchLoader("/lab/")`. */
export function fetchLoader(baseUrl: string, fetchImpl: typeof fetch = fetch): LabAssetLoader {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  return async (path) => {
    const response = await fetchImpl(root + path);
    if (!response.ok) throw new Error(`Could not load ${root + path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

export const DATA_PATH_8X8 = "data/mnist-8x8.bin";
export const modelJsonPath = (base: string) => `models/${base}/model.json`;
/** Where the app serves the tfjs wasm binaries (copied by scripts/lab/copy-wasm.mts). */
export const LAB_TFJS_WASM_PATH = "/lab/tfjs/";
