/**
 * A TCP proxy between the app and PostgreSQL, for fault injection without touching the shared server:
 * `refuse()` closes every connection and stops listening (the app sees ECONNREFUSED, as when PostgreSQL
 * is down), `restore()` listens again on the same port, `latencyMs` delays every chunk in both directions.
 */
import net from "node:net";

export interface TcpProxy {
  port: number;
  latencyMs: number;
  refuse(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  const state = { latencyMs: 0 };

  const pipe = (from: net.Socket, to: net.Socket) =>
    from.on("data", (chunk) => {
      if (state.latencyMs === 0) to.write(chunk);
      else setTimeout(() => to.writable && to.write(chunk), state.latencyMs);
    });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        pipe(client, upstream);
        pipe(upstream, client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port));
    });

  const port = await listen(0);
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    port,
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    refuse: stop,
    restore: async () => void (await listen(port)),
    close: stop,
  };
}
