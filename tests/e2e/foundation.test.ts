import type { Browser } from "playwright-core";
import { ADMIN } from "@/tests/support/server";
import { launchBrowser, newContext } from "./support/chromium";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const unique = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test("an admin adds a salesperson, who signs in, has no Użytkownicy and is refused it", async () => {
  const adminContext = await newContext(browser);
  const adminPage = await adminContext.newPage();
  await new LoginPage(adminPage).signInAs(ADMIN.email, ADMIN.password);
  const shell = new AppShell(adminPage);
  await expect(shell.navLink("Użytkownicy").count()).resolves.toBe(1);
  await expect(adminPage.getByText("Adam Admin").first().isVisible()).resolves.toBe(true);

  const email = `sprzedawca-${unique()}@salon.test`;
  const users = new UsersPage(adminPage);
  await users.goto();
  await users.addUser({ name: "Sylwia Sprzedawczyni", email, password: "haslo-sprzedawcy", role: "Sprzedawca" });
  await users.row(email).waitFor();
  await expect(users.row(email).textContent()).resolves.toContain("Sylwia Sprzedawczyni");

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(email.toUpperCase(), "haslo-sprzedawcy");
  const salesShell = new AppShell(page);
  for (const label of ["Procesy", "Moje zadania", "Kalendarz", "Statystyki", "Powiadomienia"]) {
    await expect(salesShell.navLink(label).count()).resolves.toBe(1);
  }
  await expect(salesShell.navLink("Użytkownicy").count()).resolves.toBe(0);
  const response = await page.goto("/uzytkownicy");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nie znaleziono" }).isVisible()).resolves.toBe(true);

  await page.goto("/procesy");
  await salesShell.signOut();
  const afterSignOut = await page.goto("/procesy");
  expect(afterSignOut?.url()).toContain("/login");
  await context.close();
  await adminContext.close();
});

test("a wrong password and an unknown e-mail get the same message", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ADMIN.email, "zle-haslo");
  await login.error().waitFor();
  const wrongPassword = await login.error().textContent();
  await login.signIn(`nikt-${unique()}@salon.test`, "zle-haslo");
  await login.error().waitFor();
  expect(await login.error().textContent()).toBe(wrongPassword);
  expect(wrongPassword).toBe("Nieprawidłowy e-mail lub hasło.");
  // What was typed stays, the password does not.
  await expect(page.getByLabel("E-mail").inputValue()).resolves.toContain("@salon.test");
  await page.waitForFunction(() => (document.getElementById("password") as HTMLInputElement).value === "");
  await context.close();
});

test("signing in and out works with JavaScript disabled", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(ADMIN.email, "zle-haslo");
  await page.waitForLoadState("load");
  await expect(page.getByText("Nieprawidłowy e-mail lub hasło.").isVisible()).resolves.toBe(true);
  await login.signInAs(ADMIN.email, ADMIN.password);
  await expect(new AppShell(page).navLink("Użytkownicy").count()).resolves.toBe(1);
  await new AppShell(page).signOut();
  await context.close();
});

test("a deactivated user's open session ends at their next request", async () => {
  const adminContext = await newContext(browser);
  const adminPage = await adminContext.newPage();
  await new LoginPage(adminPage).signInAs(ADMIN.email, ADMIN.password);
  const users = new UsersPage(adminPage);
  await users.goto();
  const email = `odchodzi-${unique()}@salon.test`;
  await users.addUser({ name: "Olek Odchodzący", email, password: "haslo-olka-123", role: "Kierownik" });
  await users.row(email).waitFor();

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(email, "haslo-olka-123");

  await users.deactivate(email);
  const next = await page.goto("/zadania");
  expect(next?.url()).toContain("/login");

  const login = new LoginPage(page);
  await login.signIn(email, "haslo-olka-123");
  await login.error().waitFor();
  expect(await login.error().textContent()).toBe("Nieprawidłowy e-mail lub hasło.");
  await context.close();
  await adminContext.close();
});

test("the shell reads on a phone: navigation and sign-out fit 360 px", async () => {
  const context = await newContext(browser, { mobile: true });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await expect(page.getByRole("button", { name: "Wyloguj" }).isVisible()).resolves.toBe(true);
  await context.close();
});

test("without JavaScript the admin adds a user and changes their role", async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const users = new UsersPage(page);
  await users.goto();
  const email = `bezjs-${unique()}@salon.test`;
  await users.addUser({ name: "Bartek Bez Skryptu", email, password: "haslo-bartka", role: "Sprzedawca" });
  await users.row(email).waitFor();
  await users.changeRole(email, "Kierownik");
  await page.getByText("Zmieniono rolę.").waitFor();
  await users.goto();
  await expect(users.row(email).getByRole("combobox").inputValue()).resolves.toBe("manager");
  await context.close();
});
