// The two rules that keep demo data and real data apart: `npm run demo` seeds only a database without real
// users, and no launcher serves demo accounts that still open with the demo password unless ALLOW_DEMO=1.
import { and, count, eq, inArray, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_USERS } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";

const DEMO_EMAILS = DEMO_USERS.map((user) => user.email);

/** Why `npm run demo` refuses this database (users other than the demo ones), or null. */
export async function realUsersRefusal(): Promise<string | null> {
  const [{ n: real }] = await getDb().select({ n: count() }).from(users).where(notInArray(users.email, DEMO_EMAILS));
  if (real === 0) return null;
  return (
    `Baza w ${config.dataDir} ma prawdziwych użytkowników (${real}): dane demonstracyjne tworzę tylko w pustej ` +
    `bazie. Uruchom pokaz w osobnym folderze, np.: DATA_DIR=./dane-demo npm run demo`
  );
}

/** Why the server must not start (active demo accounts that open with the demo password), or null. */
export async function demoAccountsRefusal({ allowDemo = config.allowDemo }: { allowDemo?: boolean } = {}): Promise<
  string | null
> {
  if (allowDemo) return null;
  const accounts = await getDb()
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(and(inArray(users.email, DEMO_EMAILS), eq(users.active, true)));
  const open: string[] = [];
  for (const account of accounts)
    if (await verifyPassword(DEMO_PASSWORD, account.passwordHash)) open.push(account.email);
  if (open.length === 0) return null;
  return (
    `Nie uruchamiam serwera: w bazie ${config.dataDir} są konta demonstracyjne z hasłem „${DEMO_PASSWORD}” ` +
    `(${open.join(", ")}), na które może się zalogować każdy. Zmień ich hasła albo je dezaktywuj w „Użytkownicy” ` +
    `(na ten czas uruchom z ALLOW_DEMO=1), albo — jeśli to tylko pokaz — ustaw ALLOW_DEMO=1.`
  );
}
