// The production (and dev) HTTP server: Next's request handler behind a plain Node server, so that
//  - X-Forwarded-For is the socket's address unless TRUST_PROXY=1 (a client cannot spoof its rate-limit key);
//  - the site has one origin (AUTH_URL, or http://localhost:PORT): Host and X-Forwarded-Host are replaced with
//    it before Next or Auth.js see the request, so no absolute URL is ever built from what a client sent;
//  - requests Next would answer with a 500, or read before any app code runs, are refused here first
//    (lib/http-guard.mjs: TRACE, malformed or NUL-carrying paths, cross-origin posts to pages, oversized bodies);
//  - SIGTERM/SIGINT drain in-flight requests, then close the database, then exit.
import http from "node:http";
import next from "next";
import { answerOutages } from "./unavailable.mjs";
import { relaxNotFoundPolicy } from "../lib/not-found-csp.mjs";
import { ALLOWED_METHODS, PAGE_BODY_LIMIT, checkActionBody, checkFormBody, guardRequest, siteOrigin } from "../lib/http-guard.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "1";
const origin = siteOrigin(process.env);
// Auth.js and server/env.ts read AUTH_URL: make the default explicit, so Auth.js never derives one from Host.
process.env.AUTH_URL ||= origin.href.replace(/\/$/, "");

const app = next({ dev, hostname: origin.hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
  req.headers.host = origin.host;
  req.headers["x-forwarded-host"] = origin.host;
  req.headers["x-forwarded-proto"] = origin.protocol.slice(0, -1);
  answerOutages(req, res);
  relaxNotFoundPolicy(res);
  const refusal = guardRequest(req, origin);
  if (!refusal) {
    const pagePost = req.method === "POST" && !/^\/api(\/|\?|$)/.test(req.url ?? "");
    if (!pagePost) return void handle(req, res);
    return void handleBody(req, res, req.headers["next-action"] ? checkActionBody : checkFormBody);
  }
  if (refusal.kind === "not-found-page") {
    // A page path that cannot name anything (bad percent-encoding, NUL): the site's own 404 page.
    req.url = "/_layerwise/invalid-path";
    return void handle(req, res);
  }
  res.writeHead(refusal.status, {
    "Content-Type": refusal.contentType,
    "Cache-Control": "no-store",
    Connection: "close",
    ...refusal.headers,
  });
  res.end(refusal.body);
  // Discard (never buffer) a body we refused, so the client reads the answer instead of a reset; give up after 10 s.
  req.resume();
  setTimeout(() => req.socket.destroy(), 10_000).unref();
});
// CONNECT never reaches the request handler: answer it instead of dropping the connection.
server.on("connect", (_req, socket) => {
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
});
/**
 * A post to a page (a server action, or a form): read its body (at most PAGE_BODY_LIMIT; the guard already
 * required its length), refuse one Next's decoders would fail on, and hand Next a replay of the same request.
 */
async function handleBody(req, res, check) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += chunk.length;
      if (size > PAGE_BODY_LIMIT) throw new Error("too large");
      chunks.push(chunk);
    }
  } catch {
    if (!res.headersSent)
      res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end("The body is too large.\n");
    return;
  }
  const body = Buffer.concat(chunks);
  const problem = check(req.headers["content-type"], body);
  if (problem)
    return void res.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).end(`${problem}\n`);
  const replay = new http.IncomingMessage(req.socket);
  Object.assign(replay, {
    method: req.method,
    url: req.url,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    complete: true,
  });
  replay.push(body);
  replay.push(null);
  handle(replay, res);
}

// Node's own parser errors (a malformed request line or header) get a plain 400, never a reset without an answer.
server.on("clientError", (err, socket) => {
  if (socket.writable && !socket.destroyed) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  else socket.destroy(err);
});
server.keepAliveTimeout = 5000;
server.listen(port, hostname, () => {
  console.log(`[layerwise] ready on ${origin.origin} (listening on ${hostname}:${port}, ${dev ? "development" : "production"})`);
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
