import "server-only";

/** An expected failure the user may read (not found, not allowed, invalid state). Denials read as "not found" so ids cannot be probed. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly code: "not-found" | "invalid" | "conflict" = "invalid",
  ) {
    super(message);
    this.name = "DataError";
  }
}

export const notFound = (what = "That item") => new DataError(`${what} was not found.`, "not-found");
