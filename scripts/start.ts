// npm start: migrate, create the first administrator if needed, sweep the uploads folder, then serve the
// production build.
import { config } from "@/lib/config";
import { closeDb, migrateDatabase } from "@/db/client";
import { getAuthSecret } from "@/lib/auth/secret";
import { sweepUploads } from "@/lib/tasks/files";
import { ensureFirstAdmin } from "@/lib/users/mutations";
import { keepDataDirPrivate } from "./data-dir";
import { serveProductionBuild } from "./server";

async function main() {
  keepDataDirPrivate();
  await migrateDatabase(); // opens the database and applies pending migrations
  getAuthSecret(); // generated once, kept in DATA_DIR
  const admin = await ensureFirstAdmin();
  if (typeof admin === "object") {
    console.error(
      `Baza nie ma jeszcze żadnego użytkownika. Ustaw ${admin.missing.join(" i ")}, aby utworzyć konto administratora, np.:\n` +
        `  ADMIN_EMAIL=admin@twojsalon.pl ADMIN_PASSWORD='dlugie-haslo' npm start`,
    );
    process.exit(1);
  }
  if (admin === "created") console.log(`Utworzono konto administratora ${process.env.ADMIN_EMAIL}.`);
  // Nothing uploads yet: files without a row (a crash mid-upload) and abandoned staged files go.
  const swept = await sweepUploads();
  if (swept.orphans || swept.staleStaged)
    console.log(
      `Usunięto pliki bez zapisu w bazie: ${swept.orphans}, porzucone przesłane pliki: ${swept.staleStaged}.`,
    );
  await serveProductionBuild();
  await closeDb(); // the server has its own connection; this process only waits for it
  console.log(`Salon CRM działa: ${config.publicUrl} (dane: ${config.dataDir})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
