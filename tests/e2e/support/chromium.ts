import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { LoginPage } from "../pages/login-page";

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/lib/chromium/chromium"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error("Chromium is missing: apt-get install -y chromium (or set CHROMIUM_PATH)");
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** One browser for a test file: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

export function baseURL(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run e2e tests through jest (tests/e2e/support/global-setup.ts)");
  return url;
}

type ContextOptions = {
  javaScriptEnabled?: boolean;
  mobile?: boolean;
  /** Another server than the run's (a test's own). */
  baseURL?: string;
};

/** A fresh browser context (own cookies) against the test server. */
export function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: options.baseURL ?? baseURL(),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    viewport: options.mobile ? { width: 360, height: 740 } : { width: 1280, height: 900 },
  });
}

/** A page signed in through the sign-in form, in a context of its own (`page.context()`: close it when done). */
export async function signedIn(
  browser: Browser,
  person: { email: string; password: string },
  options: ContextOptions = {},
): Promise<Page> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}
