// npm run db:copy -- --to postgres://…: moves this installation (the SQLite database and the uploads in
// DATA_DIR) to PostgreSQL and UPLOADS_DIR. Stop the server first; start it again with DATABASE_URL.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { copySqliteToPostgres, TargetNotEmptyError, type TableReport } from "@/db/copy";
import { config } from "@/lib/config";

const USAGE =
  "Użycie: DATA_DIR=… [UPLOADS_DIR=…] npm run db:copy -- --to postgres://użytkownik@serwer/baza\n" +
  "  kopiuje bazę SQLite i załączniki z DATA_DIR do pustej bazy PostgreSQL (i do UPLOADS_DIR, jeśli ustawiony)";

function printTable(reports: TableReport[]): boolean {
  const header = [
    "Tabela",
    "Wiersze SQLite",
    "Wiersze PostgreSQL",
    "Suma kontrolna SQLite",
    "Suma kontrolna PostgreSQL",
    "",
  ];
  const lines = reports.map((r) => {
    const same = r.sourceRows === r.targetRows && r.sourceChecksum === r.targetChecksum;
    return [
      r.table,
      String(r.sourceRows),
      String(r.targetRows),
      r.sourceChecksum,
      r.targetChecksum,
      same ? "zgodne" : "RÓŻNE",
    ];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  for (const line of [header, ...lines])
    console.log(
      line
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
  return lines.every((line) => line[5] === "zgodne");
}

/** Copies the uploaded files, never over an existing one; returns how many and their size. */
function copyUploads(from: string, to: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(from)) return { files, bytes };
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = path.join(from, entry.name);
    fs.copyFileSync(source, path.join(to, entry.name), fs.constants.COPYFILE_EXCL);
    files += 1;
    bytes += fs.statSync(source).size;
  }
  return { files, bytes };
}

async function main() {
  const { values } = parseArgs({ options: { to: { type: "string" } }, strict: true });
  const targetUrl = values.to ?? "";
  if (!/^postgres(ql)?:\/\//.test(targetUrl)) {
    console.error(USAGE);
    process.exit(2);
  }
  if (!fs.existsSync(config.databaseFile)) {
    console.error(`Brak bazy SQLite do skopiowania: ${config.databaseFile} (ustaw DATA_DIR)`);
    process.exit(1);
  }
  process.umask(0o077); // the copied files are as private as the data folder
  const started = performance.now();
  console.log(`Kopiuję ${config.databaseFile} do ${new URL(targetUrl).host}${new URL(targetUrl).pathname} …`);
  let reports: TableReport[];
  try {
    reports = await copySqliteToPostgres({
      sqliteFile: config.databaseFile,
      targetUrl,
      onTable: (table, rows) => console.log(`  ${table}: ${rows} wierszy`),
    });
  } catch (error) {
    if (error instanceof TargetNotEmptyError) {
      console.error(
        `Baza docelowa nie jest pusta (wiersze w tabelach: ${error.message}): nic nie skopiowano. Podaj pustą bazę.`,
      );
      process.exit(1);
    }
    throw error;
  }
  const same = printTable(reports);
  const [from, to] = [config.dataDirUploads, config.uploadsDir];
  if (from === to) {
    console.log(`Załączniki zostają w ${from} (UPLOADS_DIR nie ustawiony).`);
  } else {
    const { files, bytes } = copyUploads(from, to);
    console.log(`Załączniki: ${files} plików (${(bytes / 1024 / 1024).toFixed(1)} MB) skopiowano do ${to}`);
  }
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  if (!same) {
    console.error(`Kopia NIE zgadza się z oryginałem (tabele oznaczone RÓŻNE). Czas: ${minutes} min.`);
    process.exit(1);
  }
  console.log(
    `Gotowe w ${minutes} min: wszystkie tabele zgodne. Uruchom serwer z DATABASE_URL=${targetUrl.replace(/\/\/[^@/]*@/, "//…@")}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
