import "server-only";
import fs from "node:fs";
import path from "node:path";

/**
 * One process may own an embedded PGlite folder at a time: two openers corrupt it for good
 * (docs/STACK.md). PGlite has no cross-process lock, so we keep a pid file beside it.
 * A lock whose pid is no longer alive is stale and taken over.
 */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`The embedded database at ${dir} is in use by pid ${pid}. Stop that process first (one process may open it at a time).`);
    this.name = "DatabaseInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPath(dir: string): string {
  return `${dir}.lock`;
}

/** Take the lock for `dir` or throw DatabaseInUseError. Returns a release function. */
export function acquireDatabaseLock(dir: string): () => void {
  const file = lockPath(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(file, "utf8").trim());
      if (owner === process.pid) throw new DatabaseInUseError(dir, owner);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DatabaseInUseError(dir, owner);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the database lock ${file}`);
}
