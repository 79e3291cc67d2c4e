/**
 * Copies the tfjs wasm binaries into public/lab/tfjs/ so the lab page serves them itself
 * (initLabBackend("wasm", "/lab/tfjs/")); nothing is fetched from a CDN. The build calls this.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { LAB_PUBLIC_DIR, NODE_WASM_DIR } from "./node";

const FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
const target = path.join(LAB_PUBLIC_DIR, "tfjs");
await mkdir(target, { recursive: true });
for (const file of FILES) await copyFile(path.join(NODE_WASM_DIR, file), path.join(target, file));
process.stderr.write(`copied ${FILES.length} wasm files to ${path.relative(process.cwd(), target)}/\n`);
