import "server-only";
import { headers } from "next/headers";

/**
 * The client's address. scripts/serve.mjs overwrites X-Forwarded-For with the socket's address
 * unless TRUST_PROXY=1, so a client cannot spoof it to dodge rate limits.
 */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
