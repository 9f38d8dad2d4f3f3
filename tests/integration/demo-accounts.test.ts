import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { DEMO_USERS, seedDemo } from "@/db/seed";
import { resetPassword, setActive } from "@/lib/users/mutations";
import { demoAccountsRefusal, realUsersRefusal } from "@/scripts/demo-accounts";
import { insertUser, useTestDatabase } from "./helpers";

useTestDatabase();
beforeAll(() => {
  delete process.env.ALLOW_DEMO; // the tests set it themselves
});

const demoEmails = DEMO_USERS.map((user) => user.email);

test("an empty database: the demo may seed it and the server may serve it", async () => {
  expect(realUsersRefusal(getDb())).toBeNull();
  await expect(demoAccountsRefusal(getDb())).resolves.toBeNull();
});

test("a seeded demo: npm start refuses until ALLOW_DEMO=1 or until no demo account opens with the demo password", async () => {
  expect(seedDemo(getDb())).toBe(true);
  expect(realUsersRefusal(getDb())).toBeNull(); // the demo may serve its own data again

  const refusal = await demoAccountsRefusal(getDb());
  expect(refusal).toMatch(/^Nie uruchamiam serwera: w bazie .* są konta demonstracyjne z hasłem „demo1234”/);
  for (const email of demoEmails) expect(refusal).toContain(email);
  expect(refusal).toContain("ALLOW_DEMO=1");
  await expect(demoAccountsRefusal(getDb(), { allowDemo: true })).resolves.toBeNull();
  process.env.ALLOW_DEMO = "1";
  await expect(demoAccountsRefusal(getDb())).resolves.toBeNull();
  process.env.ALLOW_DEMO = "yes"; // only "1" allows
  await expect(demoAccountsRefusal(getDb())).resolves.toBe(refusal);
  delete process.env.ALLOW_DEMO;

  // New passwords for all but two; one of those two deactivated: only the last one is named.
  const ids = new Map(
    getDb()
      .select()
      .from(users)
      .all()
      .map((user) => [user.email, user.id]),
  );
  for (const email of demoEmails.slice(2)) await resetPassword(ids.get(email)!, "nowe-haslo-salonu");
  setActive(ids.get(demoEmails[1])!, false);
  const remaining = await demoAccountsRefusal(getDb());
  expect(remaining).toContain(demoEmails[0]);
  for (const email of demoEmails.slice(1)) expect(remaining).not.toContain(email);

  await resetPassword(ids.get(demoEmails[0])!, "nowe-haslo-salonu");
  await expect(demoAccountsRefusal(getDb())).resolves.toBeNull();
});

test("a database with real users: the demo refuses to seed or serve it", () => {
  insertUser("admin", { email: "szef@prawdziwy-salon.pl" });
  expect(realUsersRefusal(getDb())).toMatch(
    /^Baza w .* ma prawdziwych użytkowników \(1\): dane demonstracyjne tworzę tylko w pustej bazie\./,
  );
  expect(seedDemo(getDb())).toBe(false);
});
