import "server-only";
import { env } from "@/server/env";

/** Called once at server start (instrumentation.ts): a bad environment stops the server with the variable named. */
export async function validateEnvironmentOrExit(): Promise<void> {
  try {
    env();
  } catch (e) {
    console.error(`[layerwise] ${(e as Error).message}`);
    process.exit(1);
  }
}
