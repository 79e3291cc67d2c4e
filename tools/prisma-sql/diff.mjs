// Writes the SQL that takes the database from one schema to another, offline.
// usage: node diff.mjs <from.prisma | empty> <to.prisma>   (prints SQL on stdout)
// Prisma 6.19.3 with the PGlite driver adapter runs `migrate diff` without a downloaded engine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const [from, to] = process.argv.slice(2);
if (!to) {
  console.error("usage: node diff.mjs <from.prisma|empty> <to.prisma>");
  process.exit(2);
}
const dir = mkdtempSync(path.join(tmpdir(), "prisma-sql-"));
// Prisma 6 wants the URL in the datasource and the JS ("client") engine in the generator.
const adapt = (file) =>
  readFileSync(file, "utf8")
    .replace(/generator client \{[^}]*\}/, 'generator client {\n  provider = "prisma-client-js"\n  engineType = "client"\n}')
    .replace(/provider = "postgresql"\n/, 'provider = "postgresql"\n  url = env("DATABASE_URL")\n');
writeFileSync(path.join(dir, "to.prisma"), adapt(to));
const args = ["prisma", "migrate", "diff", "--script", "--to-schema-datamodel", path.join(dir, "to.prisma")];
if (from === "empty") args.push("--from-empty");
else {
  writeFileSync(path.join(dir, "from.prisma"), adapt(from));
  args.push("--from-schema-datamodel", path.join(dir, "from.prisma"));
}
const r = spawnSync("npx", args, {
  stdio: ["ignore", "inherit", "inherit"],
  cwd: import.meta.dirname,
  // The engine paths point nowhere on purpose: with the PGlite adapter none is run, and setting them stops the download.
  env: {
    ...process.env,
    DATABASE_URL: "postgresql://ignored/x",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  },
});
process.exit(r.status ?? 1);
