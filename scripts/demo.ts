// npm run demo: a demo dealership in DATA_DIR (seeded once), served on PORT.
import { config } from "@/lib/config";
import { migrateDatabase } from "@/db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/db/seed";
import { getAuthSecret } from "@/lib/auth/secret";
import { t } from "@/lib/i18n";
import { serveProductionBuild } from "./server";

async function main() {
  await migrateDatabase();
  const seeded = await seedDemo();
  getAuthSecret();
  console.log(
    seeded ? "Utworzono dane demonstracyjne." : `Baza w ${config.dataDir} ma już dane — pomijam ich tworzenie.`,
  );
  await serveProductionBuild();
  console.log(`\nSalon CRM (demo) działa: ${config.publicUrl}\n`);
  console.log(`Konta demonstracyjne (hasło: ${DEMO_PASSWORD}):`);
  for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(24)} ${t.labels.role[user.role]}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
