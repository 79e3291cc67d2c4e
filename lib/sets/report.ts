/**
 * What an import or export did besides converting: every question it could not convert, and every
 * conversion that changes meaning, with the 1-based line of the question in the source. Nothing is
 * dropped without an entry here.
 */
export type ReportEntry = {
  /** 1-based line where the question starts in the imported file (export: the item's position, 1-based). */
  line: number;
  title: string | null;
  /** `skipped`: not imported/exported; `changed`: imported, with a difference the message names. */
  kind: "skipped" | "changed";
  message: string;
};

export type ConversionReport = { converted: number; entries: ReportEntry[] };
