// Next.js instrumentation: runs once when the server starts.
//  - validate the environment at boot, so a bad variable stops the server with a message naming it;
//  - log every unhandled request error as one JSON line with Next's digest (the user sees only the digest).
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("@/server/boot")).validateEnvironmentOrExit();
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const err = error as Error & { digest?: string };
  console.log(
    JSON.stringify({
      ts: new Date().toISOString(),
      event: "request.error",
      digest: err.digest ?? null,
      path: request.path.split("?")[0],
      method: request.method,
      route: context.routePath,
      message: err.message,
    }),
  );
};
