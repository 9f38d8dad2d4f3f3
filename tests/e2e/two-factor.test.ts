import type { Browser, BrowserContext, Page } from "playwright-core";
import { authenticatorCode } from "@/tests/support/authenticator";
import { AccountPage } from "./pages/account-page";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";
import { actionIds, buildWorld, callAction, ownServer, type OwnServer } from "./support/attack-kit";
import { launchBrowser, newContext } from "./support/chromium";
import { useServerDatabase } from "@/tests/support/database";
import { insertUser } from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";

// "Weryfikacja dwuetapowa" in Chromium without JavaScript, with codes an authenticator app would show
// (otpauth), backup codes, a replayed code and an administrator's reset; and REQUIRE_2FA on a server of its own.

useServerDatabase();
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

const codeAt = authenticatorCode;

async function open(options: { javaScriptEnabled?: boolean; baseURL?: string } = {}): Promise<Page> {
  const context = options.baseURL
    ? await browser.newContext({ baseURL: options.baseURL, javaScriptEnabled: options.javaScriptEnabled ?? true })
    : await newContext(browser, options);
  contexts.push(context);
  return context.newPage();
}

/** Turns it on in "Moje konto" (the page is signed in); the key, the backup codes, and when the code was typed. */
async function turnOn(page: Page) {
  const account = new AccountPage(page);
  await account.goto();
  await account.startTwoFactor();
  const key = await account.manualKey();
  const at = Date.now();
  await account.confirmTwoFactor(codeAt(key, at));
  const codes = await account.backupCodes();
  return { key, codes, at };
}

test("without JavaScript: turned on by scanning and a code; sign-in then asks for it; a code and a backup code work once", async () => {
  const person = await insertUser("salesperson", { name: "Tadeusz Dwuetapowy" });
  const page = await open({ javaScriptEnabled: false });
  const login = new LoginPage(page);
  await login.signInAs(person.email, person.password);

  const { key, codes } = await turnOn(page);
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await page.getByText("Weryfikacja dwuetapowa jest włączona.").first().waitFor();
  // Shown once: the page drawn again has no codes.
  await new AccountPage(page).goto();
  await expect(page.getByRole("list", { name: "Kody zapasowe" }).count()).resolves.toBe(0);
  await expect(page.getByText("Niewykorzystane kody zapasowe: 10").isVisible()).resolves.toBe(true);
  await new AppShell(page).signOut();

  // The password alone is half a sign-in: no page opens until the code.
  await login.signIn(person.email, person.password);
  await page.getByLabel("Kod weryfikacyjny").waitFor();
  const other = await page.context().newPage();
  expect((await other.goto("/procesy"))?.url()).toContain("/login");
  await other.close();
  await login.enterCode("000000");
  await page.getByText("Nieprawidłowy kod weryfikacyjny.").first().waitFor();
  // The next 30 s period's code (the one typed when turning it on is used up).
  const code = codeAt(key, Date.now() + 30_000);
  await login.enterCode(code);
  await page.waitForURL("**/procesy");
  await new AppShell(page).signOut();

  // The same code again: a replay, refused; a backup code instead signs in.
  await login.signIn(person.email, person.password);
  await login.enterCode(code);
  await page.getByText("Nieprawidłowy kod weryfikacyjny.").first().waitFor();
  await login.enterCode(codes[0]);
  await page.waitForURL("**/procesy");
  await new AppShell(page).signOut();

  // That backup code is used up; "Anuluj" goes back to the password.
  await login.signIn(person.email, person.password);
  await login.enterCode(codes[0]);
  await page.getByText("Nieprawidłowy kod weryfikacyjny.").first().waitFor();
  await page.getByRole("button", { name: "Anuluj" }).click();
  await page.getByLabel("Hasło").waitFor();
  await expect(page.getByLabel("Kod weryfikacyjny").count()).resolves.toBe(0);
});

test("an administrator resets it for a user who lost their phone: the password alone signs in again", async () => {
  const person = await insertUser("salesperson", { name: "Paweł Bez Telefonu" });
  const page = await open();
  const login = new LoginPage(page);
  await login.signInAs(person.email, person.password);
  await turnOn(page);
  await new AppShell(page).signOut();

  const adminPage = await open();
  await new LoginPage(adminPage).signInAs(ADMIN.email, ADMIN.password);
  const users = new UsersPage(adminPage);
  await users.goto();
  await expect(users.row(person.email).textContent()).resolves.toContain("Weryfikacja dwuetapowa: włączona");
  await users.row(person.email).getByRole("button", { name: "Wyłącz weryfikację dwuetapową" }).click();
  await users.row(person.email).getByText("Weryfikacja dwuetapowa użytkownika została wyłączona").waitFor();

  await login.signInAs(person.email, person.password);
});

describe("REQUIRE_2FA=admin,manager", () => {
  let server: OwnServer;
  beforeAll(async () => {
    server = await ownServer({ REQUIRE_2FA: "admin,manager" });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  test("a manager sets it up before anything else opens; a salesperson is not asked", async () => {
    const world = await buildWorld();
    const page = await open({ baseURL: server.baseURL });
    await page.goto("/login");
    await new LoginPage(page).signIn(world.manager.email, world.manager.password);
    await page.waitForURL("**/konto");
    await page.getByText("Twoja rola wymaga weryfikacji dwuetapowej. Włącz ją, aby korzystać z aplikacji.").waitFor();
    await expect(new AppShell(page).nav().getByRole("link").count()).resolves.toBe(0);
    for (const path of ["/procesy", "/zadania", `/procesy/${world.processA}`, "/statystyki"]) {
      expect((await page.goto(path))?.url()).toMatch(/\/konto$/);
    }
    expect((await page.request.get("/api/notifications/unread", { failOnStatusCode: false })).status()).toBe(403);
    const refused = await callAction(page.request, server.baseURL, {
      path: "/procesy/nowy",
      action: actionIds().createProcessAction,
      fields: [
        ["lastName", "Nowak"],
        ["phone", "600700800"],
        ["source", "showroom"],
      ],
    });
    expect(refused.state?.message).toBe(
      "Twoja rola wymaga weryfikacji dwuetapowej. Włącz ją w „Moje konto”, aby korzystać z aplikacji.",
    );

    await turnOn(page);
    expect((await page.goto("/procesy"))?.url()).toMatch(/\/procesy$/);
    await expect(new AppShell(page).navLink("Procesy").count()).resolves.toBe(1);
    // Nor can it be turned off again.
    await new AccountPage(page).goto();
    await expect(page.getByRole("button", { name: "Wyłącz weryfikację dwuetapową" }).count()).resolves.toBe(0);

    const salesPage = await open({ baseURL: server.baseURL });
    await new LoginPage(salesPage).signInAs(world.ownerA.email, world.ownerA.password);
    expect(salesPage.url()).toMatch(/\/procesy$/);
  });
});
