import { asc, eq } from "drizzle-orm";
import type { APIRequestContext, Browser } from "playwright-core";
import { getDb } from "@/db/client";
import { signInFailures } from "@/db/schema";
import { pointAtServer } from "@/tests/support/database";
import { baseURL, launchBrowser, signedIn } from "./support/chromium";
import {
  actionIds,
  buildWorld,
  callAction,
  FRAMEWORK_NOISE,
  insertPerson,
  ownServer,
  serverErrors,
  type OwnServer,
  type World,
} from "./support/attack-kit";
import { UsersPage } from "./pages/users-page";

// Guessing passwords through the real sign-in form (its server action), on a server of its own behind a
// "reverse proxy" (TRUST_PROXY=1, so that a test can speak from several addresses), and on the shared test
// server, which trusts no header.

let server: OwnServer;
let browser: Browser;
let world: World;
let ids: Record<string, string>;
let client: APIRequestContext;

beforeAll(async () => {
  server = await ownServer({ TRUST_PROXY: "1" });
  world = await buildWorld();
  browser = await launchBrowser();
  ids = actionIds();
  client = (await browser.newContext({ baseURL: server.baseURL })).request;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const BLOCKED = /^Zbyt wiele nieudanych prób logowania\. Spróbuj ponownie za \d+ minut/;

/** One try of the sign-in form, from `address` (as the proxy in front reports it). */
async function signIn(email: string, password: string, forwardedFor: string, via = { client, base: server.baseURL }) {
  const answer = await callAction(via.client, via.base, {
    path: "/login",
    action: ids.signIn,
    fields: [
      ["email", email],
      ["password", password],
    ],
    headers: { "X-Forwarded-For": forwardedFor },
  });
  if (answer.status >= 400) return `HTTP ${answer.status}`;
  if (answer.redirect) return answer.redirect;
  return answer.state?.message ?? answer.body.slice(0, 200);
}

/** The failed sign-ins of `account` per address, in the database the data layer points at. */
function failures(account: string): Promise<{ address: string; count: number }[]> {
  return getDb()
    .select({ address: signInFailures.address, count: signInFailures.count })
    .from(signInFailures)
    .where(eq(signInFailures.account, account))
    .orderBy(asc(signInFailures.address));
}

test("10 failures from address A block A, even for the right password, but not B; an administrator unblocks A", async () => {
  const A = "203.0.113.7";
  const B = "198.51.100.9";
  const victim = world.admin;
  for (let i = 0; i < 10; i++)
    expect(await signIn(victim.email, `zgaduje-${i}`, A)).toBe("Nieprawidłowy e-mail lub hasło.");
  expect(await signIn(victim.email, victim.password, A)).toMatch(BLOCKED);
  // From elsewhere the administrator signs in: nobody outside locks them out.
  expect(await signIn(victim.email, victim.password, B)).toBe("/procesy");
  // A proxy chain: the last address is the one the proxy saw; what the client claimed before it is ignored.
  expect(await signIn(victim.email, victim.password, `${B}, ${A}`)).toMatch(BLOCKED);

  // "Użytkownicy" shows it, and "Odblokuj logowanie" lets A in again.
  const admin2 = await insertPerson("admin", "Ala Druga Adminka");
  const page = await signedIn(browser, admin2, { baseURL: server.baseURL });
  const context = page.context();
  const users = new UsersPage(page);
  await users.goto();
  await expect(users.row(victim.email).textContent()).resolves.toContain("Logowanie zablokowane z 1 adresu");
  await users.row(victim.email).getByRole("button", { name: "Odblokuj logowanie" }).click();
  await users.row(victim.email).getByText("Logowanie odblokowane.").waitFor();
  expect(await signIn(victim.email, victim.password, A)).toBe("/procesy");
  await context.close();
});

test("N wrong passwords sent at once add N, and only the first ten are checked", async () => {
  const C = "192.0.2.33";
  const N = 30;
  const answers = await Promise.all(
    Array.from({ length: N }, (_, i) => signIn(world.otherB.email, `rownolegle-${i}`, C)),
  );
  expect(await failures(world.otherB.email)).toEqual([
    { address: "", count: N },
    { address: C, count: N },
  ]);
  expect(answers.filter((answer) => answer === "Nieprawidłowy e-mail lub hasło.")).toHaveLength(10);
  expect(answers.filter((answer) => BLOCKED.test(answer))).toHaveLength(N - 10);
  // Even the right password, sent at the same time as guesses, is held back from C.
  expect(await signIn(world.otherB.email, world.otherB.password, C)).toMatch(BLOCKED);
  expect(await signIn(world.otherB.email, world.otherB.password, "192.0.2.34")).toBe("/procesy");
});

test("without TRUST_PROXY a client's own X-Forwarded-For is ignored: failures count against its socket's address", async () => {
  const email = `spoof-${Date.now()}@nikt.test`;
  const shared = { client: (await browser.newContext({ baseURL: baseURL() })).request, base: baseURL() };
  const answer = await signIn(email, "zle-haslo", "203.0.113.250", shared);
  expect(answer).toBe("Nieprawidłowy e-mail lub hasło.");
  // Read in the shared server's database.
  pointAtServer({ dataDir: process.env.E2E_DATA_DIR!, databaseUrl: process.env.E2E_DATABASE_URL ?? "" });
  expect(await failures(email)).toEqual([
    { address: "", count: 1 },
    { address: "127.0.0.1", count: 1 },
  ]);
});

test("the server logged no unhandled error meanwhile", () => {
  expect(serverErrors(server.logFile).filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
});
