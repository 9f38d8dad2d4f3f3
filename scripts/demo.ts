// npm run demo: a demo dealership in DATA_DIR (seeded once, only into a database without real users), served on PORT.
import { config } from "@/lib/config";
import { migrateDatabase } from "@/db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/db/seed";
import { getAuthSecret } from "@/lib/auth/secret";
import { t } from "@/lib/i18n";
import { keepDataDirPrivate } from "./data-dir";
import { realUsersRefusal } from "./demo-accounts";
import { handOverToServer } from "./server";

async function main() {
  keepDataDirPrivate();
  await migrateDatabase();
  const refusal = await realUsersRefusal();
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  const seeded = await seedDemo();
  getAuthSecret();
  console.log(
    seeded
      ? "Utworzono dane demonstracyjne."
      : `Baza w ${config.dataDir} ma już dane demonstracyjne — pomijam ich tworzenie.`,
  );
  process.env.ALLOW_DEMO = "1"; // this server is the demo: its accounts open with the demo password
  await handOverToServer(
    [
      `\nSalon CRM (demo) działa: ${config.publicUrl}\n`,
      `Konta demonstracyjne (hasło: ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((user) => `  ${user.email.padEnd(24)} ${t.labels.role[user.role]}`),
    ],
    { ALLOW_DEMO: "1" },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
