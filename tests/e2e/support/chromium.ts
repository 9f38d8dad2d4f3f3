import fs from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

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

/** A fresh browser context (own cookies) against the test server. */
export function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; mobile?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseURL(),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    viewport: options.mobile ? { width: 360, height: 740 } : { width: 1280, height: 900 },
  });
}

export const ADMIN = { email: "admin@e2e.test", password: "admin-haslo-123" };
