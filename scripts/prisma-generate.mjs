// Generates the Prisma client offline. Prisma 7's CLI otherwise tries to download a schema engine,
// which this project's machines cannot reach; generation itself needs no engine (docs/STACK.md).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("node_modules/prisma")) process.exit(0); // production install without dev tools
const r = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
process.exit(r.status ?? 1);
