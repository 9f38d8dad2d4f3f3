// npm run backup -- FILE: a consistent copy of the database while the server keeps serving (SQLite's
// online backup API; with DATABASE_URL, pg_dump's custom format, restored with pg_restore), then the
// uploads (FILE-uploads/) and the session secret (FILE-session-secret). The database is copied first:
// files are written before the rows that name them, so every file the copied database refers to is
// already there when the uploads are copied.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { config } from "@/lib/config";

export type BackupPaths = { database: string; uploads: string; secret: string };

export function backupPaths(file: string): BackupPaths {
  // npm runs scripts in the project folder; a relative FILE means one relative to where npm was called.
  const database = path.resolve(process.env.INIT_CWD || process.cwd(), file);
  return { database, uploads: `${database}-uploads`, secret: `${database}-session-secret` };
}

async function main() {
  process.umask(0o077); // the copies are as private as the data folder (scripts/data-dir.ts)
  const target = process.argv[2];
  if (!target || target.startsWith("-")) {
    console.error("Użycie: npm run backup -- PLIK   (np. npm run backup -- /kopie/salon-2026-11-27.sqlite)");
    process.exit(2);
  }
  const out = backupPaths(target);
  const taken = Object.values(out).filter((file) => fs.existsSync(file));
  if (taken.length) {
    console.error(`Nie nadpisuję istniejących plików: ${taken.join(", ")}`);
    process.exit(1);
  }
  if (!config.databaseUrl && !fs.existsSync(config.databaseFile)) {
    console.error(`Brak bazy danych: ${config.databaseFile} (ustaw DATA_DIR)`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(out.database), { recursive: true });

  // 1. The database, into a temporary name renamed once complete.
  if (config.databaseUrl) await dumpPostgres(out.database);
  else await backupSqlite(out.database);
  await copyUploadsAndSecret(out);
}

/** pg_dump's custom format (one compressed file, one snapshot of the whole database; pg_restore reads it). */
async function dumpPostgres(file: string) {
  const started = performance.now();
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await promisify(execFile)(config.pgDump, [
      "--format=custom",
      "--no-owner",
      `--file=${partial}`,
      config.databaseUrl,
    ]);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const stderr = (error as { stderr?: string }).stderr ?? "";
    console.error(`pg_dump się nie powiódł: ${stderr.trim() || (error as Error).message}`);
    process.exit(1);
  }
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Baza danych:   ${file} (pg_dump, ${megabytes(fs.statSync(file).size)}, ${seconds} s)`);
  console.log(`               odtwarzanie: pg_restore --no-owner --dbname=postgres://…/pusta_baza ${file}`);
}

/** SQLite's online backup, checked with integrity_check. */
async function backupSqlite(database: string) {
  const started = performance.now();
  const partial = `${database}.partial`;
  fs.rmSync(partial, { force: true });
  const source = new Database(config.databaseFile, { fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  try {
    // After the first 100 pages, the rest in one step: a writer in between restarts the copy, and a
    // single step copies one consistent snapshot (WAL readers do not block the server's writes).
    await source.backup(partial, { progress: () => 1 << 30 });
  } finally {
    source.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  const check = copy.pragma("integrity_check", { simple: true });
  copy.pragma("journal_mode = DELETE"); // one self-contained file
  copy.close();
  if (check !== "ok") throw new Error(`The copy failed its integrity check: ${String(check)}`);
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, database);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Baza danych:   ${database} (${megabytes(fs.statSync(database).size)}, ${seconds} s, integrity_check: ok)`,
  );
}

async function copyUploadsAndSecret(out: BackupPaths) {
  // 2. Uploaded files.
  fs.mkdirSync(out.uploads);
  let files = 0;
  let bytes = 0;
  if (fs.existsSync(config.uploadsDir)) {
    fs.cpSync(config.uploadsDir, out.uploads, {
      recursive: true,
      errorOnExist: true,
      force: false,
      preserveTimestamps: true,
    });
    // Copies keep their originals' modes: tighten them.
    for (const entry of fs.readdirSync(out.uploads, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath, entry.name);
      fs.chmodSync(file, entry.isDirectory() ? 0o700 : 0o600);
      if (!entry.isFile()) continue;
      files++;
      bytes += fs.statSync(file).size;
    }
  }
  console.log(`Załączniki:    ${out.uploads}/ (${files} plików, ${megabytes(bytes)})`);

  // 3. The session secret (without it, a restored server signs everyone out; with NEXTAUTH_SECRET set there is none).
  const secret = path.join(config.dataDir, "session-secret");
  if (fs.existsSync(secret)) {
    fs.copyFileSync(secret, out.secret, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(out.secret, 0o600);
    console.log(`Klucz sesji:   ${out.secret}`);
  } else {
    console.log("Klucz sesji:   brak pliku session-secret (NEXTAUTH_SECRET ustawiony w środowisku?) — pominięty");
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
