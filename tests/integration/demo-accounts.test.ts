import { eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { DEMO_USERS, seedDemo } from "@/db/seed";
import { resetPassword, setActive } from "@/lib/users/mutations";
import { demoAccountsRefusal, realUsersRefusal } from "@/scripts/demo-accounts";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

const db = useTestDatabase();
beforeAll(() => {
  delete process.env.ALLOW_DEMO; // the tests set it themselves
});

const demoEmails = DEMO_USERS.map((user) => user.email);

test("an empty database: the demo may seed it and the server may serve it", async () => {
  expect(await realUsersRefusal()).toBeNull();
  await expect(demoAccountsRefusal()).resolves.toBeNull();
});

test("a seeded demo: npm start refuses until ALLOW_DEMO=1 or until no demo account opens with the demo password", async () => {
  expect(await seedDemo()).toBe(true);
  expect(await realUsersRefusal()).toBeNull(); // the demo may serve its own data again

  const refusal = await demoAccountsRefusal();
  expect(refusal).toMatch(/^Nie uruchamiam serwera: w bazie .* są konta demonstracyjne z hasłem „demo1234”/);
  for (const email of demoEmails) expect(refusal).toContain(email);
  expect(refusal).toContain("ALLOW_DEMO=1");
  await expect(demoAccountsRefusal({ allowDemo: true })).resolves.toBeNull();
  process.env.ALLOW_DEMO = "1";
  await expect(demoAccountsRefusal()).resolves.toBeNull();
  process.env.ALLOW_DEMO = "yes"; // only "1" allows
  await expect(demoAccountsRefusal()).resolves.toBe(refusal);
  delete process.env.ALLOW_DEMO;

  // New passwords for all but two; one of those two deactivated: only the last one is named.
  const ids = new Map((await db().select().from(users)).map((user) => [user.email, user.id]));
  const admin = await insertUser("admin", { email: "admin-demo@test.pl" });
  for (const email of demoEmails.slice(2)) {
    await resetPassword({ actor: admin, id: ids.get(email)!, password: "nowe-haslo-salonu" });
  }
  await setActive({ actor: admin, id: ids.get(demoEmails[1])!, active: false });
  const remaining = await demoAccountsRefusal();
  expect(remaining).toContain(demoEmails[0]);
  for (const email of demoEmails.slice(1)) expect(remaining).not.toContain(email);

  await resetPassword({ actor: admin, id: ids.get(demoEmails[0])!, password: "nowe-haslo-salonu" });
  await expect(demoAccountsRefusal()).resolves.toBeNull();
}, 60_000);

test("a database with real users: the demo refuses to seed or serve it", async () => {
  // Gone as if never there: with the events of its password resets (the app itself never deletes a user).
  await transaction(async (tx) => {
    const [admin] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "admin-demo@test.pl"));
    await tx.delete(auditEvents).where(eq(auditEvents.userId, admin.id));
    await tx.delete(users).where(eq(users.id, admin.id));
  });
  await insertUser("admin", { email: "szef@prawdziwy-salon.pl" });
  expect(await realUsersRefusal()).toMatch(
    /^Baza w .* ma prawdziwych użytkowników \(1\): dane demonstracyjne tworzę tylko w pustej bazie\./,
  );
  expect(await seedDemo()).toBe(false);
});
