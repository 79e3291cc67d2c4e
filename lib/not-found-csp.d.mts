// Types for lib/not-found-csp.mjs (plain JS so scripts/serve.mjs can import it without a build step).
import type { ServerResponse } from "node:http";

export function notFoundPolicy(policy: string): string;
export function relaxNotFoundPolicy(res: ServerResponse): void;
