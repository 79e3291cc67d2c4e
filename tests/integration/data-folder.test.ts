import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/server/database";

// A read-only data folder must say so, naming the folder — not PGlite's "failed to initialize properly".
// A read-only bind mount is the only way to deny root a write, so this runs where mount works (CI runs as root).
const canMount = process.getuid?.() === 0 && spawnSync("mount", ["--version"]).status === 0;

describe("the embedded database on a folder it cannot write", () => {
  it.runIf(canMount)("refuses to open with a message naming the folder and the reason", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-ro-"));
    const dir = path.join(data, "pglite");
    fs.mkdirSync(dir);
    expect(spawnSync("sh", ["-c", `mount --bind '${dir}' '${dir}' && mount -o remount,bind,ro '${dir}'`]).status).toBe(0);
    try {
      await expect(openDatabase({ kind: "pglite", dir })).rejects.toThrow(`The embedded database folder ${dir} is not writable (EROFS`);
    } finally {
      spawnSync("umount", [dir]);
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  it("refuses a data folder that is a file, with the same kind of message", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "layerwise-ro-"));
    fs.writeFileSync(path.join(data, "pglite"), "not a folder");
    try {
      await expect(openDatabase({ kind: "pglite", dir: path.join(data, "pglite") })).rejects.toThrow(/is not writable \(ENOTDIR/);
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});
