// The production (and dev) HTTP server: Next's request handler behind a plain Node server, so that
//  - X-Forwarded-For is the socket's address unless TRUST_PROXY=1 (a client cannot spoof its rate-limit key);
//  - SIGTERM/SIGINT drain in-flight requests, then close the database, then exit.
import http from "node:http";
import next from "next";
import { answerOutages } from "./unavailable.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  answerOutages(req, res);
  handle(req, res);
});
server.keepAliveTimeout = 5000;
server.listen(port, hostname, () => {
  console.log(`[layerwise] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port} (${dev ? "development" : "production"})`);
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`[layerwise] ${signal}: finishing in-flight requests`);
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  server.close(async () => {
    // server/db.ts keeps its connection on globalThis; close it so PGlite flushes and releases its lock.
    const db = await globalThis.layerwiseDb?.catch(() => undefined);
    await db?.close().catch(() => {});
    clearTimeout(force);
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
