import type { Browser, BrowserContext } from "playwright-core";
import { sessionCookie } from "@/lib/auth/token";
import { AccountPage } from "./pages/account-page";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";
import { baseURL, launchBrowser, newContext } from "./support/chromium";
import { useServerDatabase } from "@/tests/support/database";
import { insertUser } from "@/tests/support/fixtures";

// Sessions end on the server: "Wyloguj", "Wyloguj wszędzie" and a changed password stop every copy of a
// cookie, and next-auth's own routes neither revive an ended session nor sign anyone in.

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

const COOKIE = sessionCookie("http://127.0.0.1").name;

useServerDatabase();

function newUser(role: "salesperson" | "manager" = "salesperson") {
  return insertUser(role, { name: "Sylwia Sesyjna" });
}

async function signedIn(person: { email: string; password: string }, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return { context, page };
}

async function cookieOf(context: BrowserContext): Promise<string> {
  const found = (await context.cookies()).find((cookie) => cookie.name === COOKIE);
  if (!found) throw new Error("no session cookie");
  return `${COOKIE}=${found.value}`;
}

const get = (path: string, cookie: string) => fetch(`${baseURL()}${path}`, { headers: { cookie }, redirect: "manual" });

/** The session cookies a response sets: their values ("" when it clears one). */
const sessionCookiesSet = (response: Response) =>
  response.headers
    .getSetCookie()
    .filter((line) => line.startsWith(`${COOKIE}=`))
    .map((line) => line.slice(COOKIE.length + 1).split(";")[0]);

test("a cookie copied before Wyloguj stops working everywhere, and /api/auth/session does not re-issue it", async () => {
  const { context, page } = await signedIn(await newUser());
  const copied = await cookieOf(context);
  expect((await get("/procesy", copied)).status).toBe(200);
  const open = await get("/api/auth/session", copied);
  expect(open.status).toBe(200);
  expect(await open.json()).toMatchObject({ user: { name: "Sylwia Sesyjna" } });
  expect(sessionCookiesSet(open).filter(Boolean)).toHaveLength(1); // next-auth refreshes an open session

  await page.goto("/procesy");
  await new AppShell(page).signOut();

  const after = await get("/procesy", copied);
  expect(after.status).toBe(307);
  expect(after.headers.get("location")).toContain("/login");
  const ended = await get("/api/auth/session", copied);
  expect(await ended.json()).toEqual({});
  expect(sessionCookiesSet(ended)).toEqual([""]); // cleared, not renewed
  expect((await get("/api/notifications/unread", copied)).status).toBe(401);
});

test("/api/auth: a 100 KB body gets 413, and its credentials callback signs nobody in", async () => {
  const person = await newUser();
  const big = await fetch(`${baseURL()}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `email=${encodeURIComponent(person.email)}&password=${"x".repeat(100 * 1024)}`,
  });
  expect(big.status).toBe(413);
  const bigSignOut = await fetch(`${baseURL()}/api/auth/signout`, { method: "POST", body: "x".repeat(100 * 1024) });
  expect(bigSignOut.status).toBe(413);

  // next-auth's whole CSRF dance, with the right password: still no way in but the form.
  const csrf = await fetch(`${baseURL()}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  for (const path of ["/api/auth/callback/credentials", "/api/auth/signin/credentials"]) {
    const attempt = await fetch(`${baseURL()}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, email: person.email, password: person.password, json: "true" }).toString(),
    });
    expect(attempt.status).toBe(404);
    expect(sessionCookiesSet(attempt)).toEqual([]);
  }
  expect(await (await fetch(`${baseURL()}/api/auth/providers`)).json()).toEqual({});
});

test("without JavaScript: Moje konto changes the password (other sessions end, this one stays), then Wyloguj wszędzie ends all", async () => {
  const person = await newUser("manager");
  const here = await signedIn(person, { javaScriptEnabled: false });
  const elsewhere = await signedIn(person);
  const elsewhereCookie = await cookieOf(elsewhere.context);

  await here.page.goto("/procesy");
  await Promise.all([here.page.waitForURL("**/konto"), here.page.getByRole("link", { name: "Moje konto" }).click()]);
  const account = new AccountPage(here.page);
  await account.changePassword("zle-haslo", "nowe-haslo-456");
  await here.page.getByText("Nieprawidłowe obecne hasło.").first().waitFor();
  await account.changePassword(person.password, "nowe-haslo-456");
  await here.page.getByText("Hasło zostało zmienione. Sesje na innych urządzeniach zostały zakończone.").waitFor();

  expect((await get("/procesy", elsewhereCookie)).status).toBe(307);
  expect((await here.page.goto("/procesy"))?.url()).toMatch(/\/procesy$/);

  const login = new LoginPage(elsewhere.page);
  await login.goto();
  await login.signIn(person.email, person.password);
  await login.error().waitFor();
  await login.signInAs(person.email, "nowe-haslo-456");
  const again = await cookieOf(elsewhere.context);

  await account.goto();
  await account.signOutEverywhere();
  expect((await here.page.goto("/procesy"))?.url()).toContain("/login");
  expect((await get("/procesy", again)).status).toBe(307);
});
