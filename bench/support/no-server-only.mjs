// Benchmarks call the server's data layer directly, outside Next: `server-only` (which throws outside a React
// Server environment) resolves to an empty module here, as it does in the test suite (tests/support/server-only-stub.ts).
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(s, c, next) {" +
        ' return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }',
    ),
);
