import type { APIResponse, Browser, BrowserContext } from "playwright-core";
import { ADMIN, launchBrowser, newContext } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

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

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-powered-by"]).toBeUndefined();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]).toContain(
    headers["referrer-policy"],
  );
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  // Scripts only from the app itself: no other origin, no wildcard, no eval.
  const scripts = csp.get("script-src") ?? [];
  expect(scripts).toContain("'self'");
  expect(scripts.filter((source) => /^(https?:|\*|data:|blob:)/.test(source) || source === "'unsafe-eval'")).toEqual(
    [],
  );
  for (const [name, values] of csp)
    expect({ name, wildcard: values.some((value) => value === "*" || value.startsWith("http")) }).toEqual({
      name,
      wildcard: false,
    });
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

test("the sign-in page, an app page, an API route and a missing page carry the security headers", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const login = await context.request.get("/login");
  expect(login.status()).toBe(200);
  expectSecurityHeaders(login);

  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const appPage = await context.request.get("/uzytkownicy");
  expect(appPage.status()).toBe(200);
  expect(await appPage.text()).toContain("Dodaj użytkownika");
  expectSecurityHeaders(appPage);

  const api = await context.request.get("/api/auth/csrf");
  expect(api.status()).toBe(200);
  expect(api.headers()["content-type"]).toContain("application/json");
  expectSecurityHeaders(api);

  const missing = await context.request.get("/nie-ma-takiej-strony");
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing);
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
