import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, eq, lt } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { imports } from "@/db/schema";
import { config } from "@/lib/config";
import { storedImportPath } from "./run";

/** An uploaded file nobody went on to import is kept this long (its preview can still be opened). */
export const ABANDONED_IMPORT_MS = 24 * 60 * 60_000;

/**
 * Imports left at their preview ("uploaded") for more than a day go, row and file; so do files in the
 * imports folder that no import names and that are as old (a crash between writing a file and recording
 * it). A file younger than that may be an upload in progress. Runs in the background pass, under a lock.
 */
export async function removeAbandonedImports(now = new Date()): Promise<{ imports: number; orphans: number }> {
  const before = new Date(now.getTime() - ABANDONED_IMPORT_MS);
  // Only while still "uploaded": an import started at this very moment is no longer one.
  const removed = await transaction((tx) =>
    tx
      .delete(imports)
      .where(and(eq(imports.state, "uploaded"), lt(imports.createdAt, before)))
      .returning({ storedName: imports.storedName }),
  );
  for (const { storedName } of removed) await fs.promises.rm(storedImportPath(storedName), { force: true });

  let names: string[];
  try {
    names = await fs.promises.readdir(config.importsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { imports: removed.length, orphans: 0 };
    throw error;
  }
  const known = new Set(
    (await getDb().select({ storedName: imports.storedName }).from(imports)).map((row) =>
      path.basename(row.storedName),
    ),
  );
  let orphans = 0;
  for (const name of names) {
    if (known.has(name)) continue;
    const file = storedImportPath(name);
    const stats = await fs.promises.lstat(file).catch(() => undefined);
    if (!stats?.isFile() || stats.mtimeMs >= before.getTime()) continue;
    await fs.promises.rm(file, { force: true });
    orphans++;
  }
  return { imports: removed.length, orphans };
}
