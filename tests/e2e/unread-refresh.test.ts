// Ready for the lead: rename to unread-refresh.test.ts once app/(crm)/layout.tsx mounts <UnreadBadgeRefresher>.
// Checked passing with that mount (and failing without it: nothing refreshes the badge).
import { useServerDatabase } from "@/tests/support/database";
import { insertNotification, insertProcess, insertUser } from "@/tests/support/fixtures";
import { launchBrowser, newContext } from "./support/chromium";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";

useServerDatabase();

test("with JavaScript the header's count refreshes without a reload", async () => {
  const browser = await launchBrowser();
  const owner = await insertUser("salesperson", { name: "Wiktor Widzący" });
  const { id: processId } = await insertProcess(owner.id, { customer: { firstName: "Ola", lastName: "Odświeżona" } });
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(owner.email, owner.password);
  const badge = new AppShell(page).navLink("Powiadomienia").locator(".badge");
  await expect(badge.count()).resolves.toBe(0);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
  await insertNotification({ userId: owner.id, processId, message: "Nowa notatka" });
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await badge.waitFor();
  await expect(badge.textContent()).resolves.toBe("1");
  await expect(page.evaluate(() => (window as unknown as { marker?: number }).marker)).resolves.toBe(42);
  await context.close();
  await browser.close();
});
