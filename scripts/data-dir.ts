import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

/** Files 0600, folders 0700: handed to the server too (scripts/launch.mjs starts it with this mask). */
export const PRIVATE_UMASK = 0o077;

/**
 * DATA_DIR holds customers' data and the session secret: only its owner may read it. From here on this
 * process, and the server it starts (which inherits the mask), creates files 0600 and folders 0700 — the
 * database's -wal and -shm files too, which SQLite gives the database file's mode. What an older version
 * left readable by others is tightened.
 */
export function keepDataDirPrivate(): void {
  process.umask(PRIVATE_UMASK);
  const dir = config.dataDir;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const database = config.databaseFile;
  for (const file of [database, `${database}-wal`, `${database}-shm`, path.join(dir, "session-secret")])
    if (fs.existsSync(file)) fs.chmodSync(file, 0o600);
  if (fs.existsSync(config.uploadsDir)) fs.chmodSync(config.uploadsDir, 0o700);
}
