import type { APIResponse, Browser, BrowserContext } from "playwright-core";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { newServerDatabase, useServerDatabase } from "@/tests/support/database";
import { insertProcess, insertTask, insertUser } from "@/tests/support/fixtures";
import { ADMIN, startServer, stopServer } from "@/tests/support/server";
import { baseURL, launchBrowser, newContext } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

useServerDatabase();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

/** The headers of every response, page or not. */
function expectFixedHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).toContain(
    headers["referrer-policy"],
  );
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  for (const [name, values] of csp)
    expect({ name, wildcard: values.some((value) => value === "*" || value.startsWith("http")) }).toEqual({
      name,
      wildcard: false,
    });
  return csp;
}

/** A page's headers: the fixed ones and a strict CSP whose only way to run a script is its nonce. Returns the nonce. */
function expectPageHeaders(response: APIResponse): string {
  const csp = expectFixedHeaders(response);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  const scripts = csp.get("script-src") ?? [];
  const nonces = scripts.filter((source) => source.startsWith("'nonce-"));
  expect(nonces).toHaveLength(1);
  expect(scripts).toEqual(["'self'", nonces[0], "'strict-dynamic'"]);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(nonces[0])?.[1];
  expect(nonce).toBeDefined();
  expect(csp.get("style-src")).toEqual(["'self'", nonces[0]]);
  return nonce!;
}

/** Every script element of an HTML page carries the response's nonce (else Chromium would not run it). */
function expectScriptsCarry(html: string, nonce: string) {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
}

/** A context that collects every CSP violation of its pages: console messages and securitypolicyviolation events. */
async function watchedContext(): Promise<{ context: BrowserContext; violations: string[] }> {
  const context = await newContext(browser);
  const violations: string[] = [];
  await context.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  context.on("page", (page) => {
    page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  });
  return { context, violations };
}

test("every page has a strict CSP with a fresh nonce that its scripts carry; API routes have their own", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const first = await context.request.get("/login");
  const second = await context.request.get("/login");
  expect([first.status(), second.status()]).toEqual([200, 200]);
  const nonce = expectPageHeaders(first);
  expect(expectPageHeaders(second)).not.toBe(nonce);
  expectScriptsCarry(await first.text(), nonce);
  expect(first.headers()["strict-transport-security"]).toBeUndefined(); // PUBLIC_URL is http here

  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const appPage = await context.request.get("/uzytkownicy");
  expect(appPage.status()).toBe(200);
  const html = await appPage.text();
  expect(html).toContain("Dodaj użytkownika");
  expectScriptsCarry(html, expectPageHeaders(appPage));

  // The missing page too: rendered per request, never a prerendered copy without the nonce.
  const missing = await context.request.get("/nie-ma-takiej-strony");
  expect(missing.status()).toBe(404);
  expectScriptsCarry(await missing.text(), expectPageHeaders(missing));

  const api = await context.request.get("/api/auth/csrf");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-type"]).toContain("application/json");
  const apiCsp = expectFixedHeaders(api);
  expect(apiCsp.get("default-src")).toEqual(["'none'"]);
  expect(apiCsp.has("sandbox")).toBe(true);
  await context.close();
});

test("the app works under its CSP: sign-in and a client-side form in Chromium with no violation", async () => {
  const { context, violations } = await watchedContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  // Next's client code ran (hydration), so its scripts were allowed.
  await expect(
    page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version),
  ).resolves.toBe("string");
  const users = new UsersPage(page);
  await users.goto();
  const email = `csp-${Date.now()}@salon.test`;
  await users.addUser({ name: "Cecylia Csp", email, password: "haslo-cecylii-1", role: "Sprzedawca" });
  await page.getByRole("status").filter({ hasText: "Dodano użytkownika Cecylia Csp." }).waitFor();
  await users.row(email).waitFor();
  expect(violations).toEqual([]);

  // The watch itself sees a violation: an image from another origin (a reserved address; the policy
  // blocks it before any request).
  await page.evaluate(() => {
    const image = document.createElement("img");
    image.src = "http://192.0.2.1/tracker.png";
    document.body.append(image);
  });
  for (let i = 0; i < 50 && violations.length === 0; i++) await page.waitForTimeout(100);
  expect(violations.join("\n")).toMatch(/img-src/);
  await context.close();
});

test("every page runs its scripts under the CSP in Chromium, with no violation", async () => {
  const owner = await insertUser("salesperson", { name: "Celina Csp" });
  const { id: processId } = await insertProcess(owner.id, { customer: { firstName: "Jan", lastName: "Nonce" } });
  const start = new Date(Date.now() + 86_400_000);
  const { id: taskId } = await insertTask(processId, owner.id, { startAt: start, dueAt: start });
  const { context, violations } = await watchedContext();
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const paths = [
    "/procesy",
    "/procesy/nowy",
    `/procesy/${processId}`,
    `/procesy/${processId}/planowanie`,
    `/procesy/${processId}/zadania/${taskId}/wykonaj`,
    "/zadania",
    "/kalendarz",
    "/statystyki",
    "/powiadomienia",
    "/uzytkownicy",
    "/salony",
    "/konto",
    "/nie-ma-takiej-strony",
  ];
  const fonts: Record<string, string> = {};
  for (const path of paths) {
    await page.goto(path);
    // Next's client code ran (hydration), so every script it needed was allowed.
    await page.waitForFunction(
      () => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string",
    );
    fonts[path] = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  }
  // The QR code of "Weryfikacja dwuetapowa" is drawn in the page: inline SVG, no script, no style.
  await page.goto("/konto");
  await page.getByRole("button", { name: "Włącz weryfikację dwuetapową" }).click();
  await page.getByRole("img", { name: "Kod QR dla aplikacji uwierzytelniającej" }).waitFor();
  expect(violations).toEqual([]);
  // The stylesheet applied everywhere (it sets the font of the body).
  expect(new Set(Object.values(fonts)).size).toBe(1);
  expect(Object.values(fonts)[0]).not.toMatch(/^"?Times/);
  await context.close();
});

test("Strict-Transport-Security (a year, subdomains) and upgrade-insecure-requests only when PUBLIC_URL is https", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-hsts-"));
  const server = await startServer({
    dataDir,
    databaseUrl: await newServerDatabase(),
    env: { PUBLIC_URL: "https://crm.salon.test" },
  });
  try {
    const response = await fetch(`${server.baseURL}/login`);
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(directives(response.headers.get("content-security-policy") ?? "").has("upgrade-insecure-requests")).toBe(
      true,
    );
  } finally {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // The shared test server's PUBLIC_URL is http: neither.
  const context = await newContext(browser);
  const plain = await context.request.get("/login");
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  expect(directives(plain.headers()["content-security-policy"] ?? "").has("upgrade-insecure-requests")).toBe(false);
  await context.close();
});

/** A raw POST with a body sent in chunks, without Content-Length (what fetch and browsers never do for a form). */
function chunkedPost(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseURL()}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" },
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.write("email=a%40b.pl&");
    request.end("password=x");
  });
}

test("pages take their headers as requests arrive, and posts still pass the body checks of proxy.ts", async () => {
  // A post without a length is refused before Next reads it.
  expect(await chunkedPost("/login")).toBe(411);
  // A page requested with a body length (a HEAD-less GET with Content-Length: 0) is served as any other.
  const withLength = await fetch(`${baseURL()}/login`, { headers: { "Content-Length": "0" } });
  expect(withLength.status).toBe(200);
  expect(directives(withLength.headers.get("content-security-policy") ?? "").get("script-src")).toHaveLength(3);
  // A client's own Content-Security-Policy header is replaced: Next marks its scripts with the server's nonce.
  const forged = await fetch(`${baseURL()}/login`, {
    headers: { "Content-Security-Policy": "script-src 'nonce-forged'" },
  });
  const html = await forged.text();
  expect(html).not.toContain('nonce="forged"');
  expect(html).toContain(`nonce="${/'nonce-([^']+)'/.exec(forged.headers.get("content-security-policy") ?? "")?.[1]}"`);
});
