import { config } from "@/lib/config";

/** How big an import may be: past these a file is refused before anything of it is imported. */
export const IMPORT_LIMITS = {
  maxMb: () => config.importMaxMb,
  maxBytes: () => config.importMaxMb * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 100,
  /** Uncompressed size of all of an .xlsx's parts, as its zip directory states them. */
  maxUnzippedBytes: 400 * 1024 * 1024,
  /** Compression ratio above which a large part is taken for a zip bomb (sheets compress ~10–20×). */
  maxZipRatio: 200,
  /** Rows committed per transaction: other users' saves wait at most one batch. */
  batchRows: 100,
  /** Rows shown by "Podgląd". */
  previewRows: 20,
  /** "Cofnij import" is offered this long after the import finished. */
  undoHours: 24,
};
