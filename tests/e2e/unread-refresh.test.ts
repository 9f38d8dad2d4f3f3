// Ready for the lead: rename to unread-refresh.test.ts once app/(crm)/layout.tsx mounts <UnreadBadgeRefresher>.
// Checked passing with that mount (and failing without it: nothing refreshes the badge).
import { launchBrowser, newContext } from "./support/chromium";
import { insertNotification, insertProcess, insertUser, openServerDb } from "./support/db-fixtures";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";

test("with JavaScript the header's count refreshes without a reload", async () => {
  const browser = await launchBrowser();
  const db = openServerDb();
  const owner = insertUser(db, "salesperson", "Wiktor Widzący");
  const processId = insertProcess(db, owner.id, { firstName: "Ola", lastName: "Odświeżona" });
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(owner.email, owner.password);
  const badge = new AppShell(page).navLink("Powiadomienia").locator(".badge");
  await expect(badge.count()).resolves.toBe(0);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  insertNotification(db, { userId: owner.id, processId, message: "Nowa notatka" });
  db.close();
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await badge.waitFor();
  await expect(badge.textContent()).resolves.toBe("1");
  await expect(page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(42);
  await context.close();
  await browser.close();
});
