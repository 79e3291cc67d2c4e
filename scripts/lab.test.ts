import { spawnSync } from "node:child_process";
import { expect, it } from "vitest";
import { LAB_BASES, LAB_PRESET_IDS } from "@/lib/lab/shared";

const lab = (...args: string[]) =>
  spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/lab.mts", ...args], { encoding: "utf8" });

it("`npm run lab -- sweep --help` lists every flag, base and preset, on stdout, exit 0", () => {
  const r = lab("sweep", "--help");
  expect(r.status).toBe(0);
  for (const flag of [
    "--preset",
    "--base",
    "--n",
    "--epochs",
    "--lr",
    "--body-lr",
    "--batch",
    "--every",
    "--repeat",
    "--seed",
    "--backend",
    "--json",
    "--help",
  ]) {
    expect(r.stdout).toContain(`  ${flag} `);
  }
  for (const base of LAB_BASES) expect(r.stdout).toContain(base);
  for (const id of LAB_PRESET_IDS) expect(r.stdout).toContain(id);
});

it("`npm run lab -- sweep` refuses an out-of-range flag with a message and exit 2, before training", () => {
  const r = lab("sweep", "--n", "10");
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("--n 10:");
  expect(r.stdout).toBe("");
});
