import type { BrowserContext, Page } from "playwright-core";
import { formatPhone } from "@/lib/customers/phone";
import { useServerDatabase } from "@/tests/support/database";
import { insertProcess, insertUser, type TestUser } from "@/tests/support/fixtures";
import { newContext, useBrowser } from "./support/chromium";
import { DuplicatesPage } from "./pages/duplicates-page";
import { LoginPage } from "./pages/login-page";
import { ProcessListPage } from "./pages/process-list-page";
import { ProcessPanelPage } from "./pages/process-panel-page";

// "Duplikaty" and "Połącz" in Chromium, with JavaScript on a 360 px phone and without JavaScript: two
// customers sharing a phone are listed together, one is merged into the other, and the kept one then has
// both processes, each with the "Połączono z klientem …" history entry.

useServerDatabase();
const browser = useBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close();
});

let manager: TestUser, seller: TestUser;
beforeAll(async () => {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  manager = await insertUser("manager", { name: `Marek Scalający ${tag}` });
  seller = await insertUser("salesperson", { name: `Sylwia Sprzedająca ${tag}` });
});

async function pageOf(person: TestUser, options: { javaScriptEnabled?: boolean; mobile?: boolean }): Promise<Page> {
  const context = await newContext(browser(), options);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}

describe.each([
  ["with JavaScript, on a 360 px phone", true, "+48601200301"],
  ["without JavaScript", false, "+48601200302"],
] as const)("Duplikaty %s", (_how, javaScriptEnabled, phone) => {
  test("two customers sharing a phone are merged: the kept one has both processes and the history entry", async () => {
    const word = `Dubel${javaScriptEnabled ? "Js" : "NoJs"}${Date.now()}`;
    const kept = await insertProcess(seller.id, {
      customer: { firstName: "Anna", lastName: `Zachowana ${word}`, phone },
      vehicle: { brand: "Kia", model: "Ceed" },
    });
    const merged = await insertProcess(seller.id, {
      customer: { firstName: "Ania", lastName: `Druga ${word}`, phone, email: `ania-${word}@klient.test` },
      vehicle: { brand: "Toyota", model: "Yaris" },
    });
    const page = await pageOf(manager, { javaScriptEnabled, mobile: javaScriptEnabled });
    const duplicates = new DuplicatesPage(page);
    await duplicates.openFromProcesses();

    const group = duplicates.group(`Wspólny telefon: ${formatPhone(phone)}`);
    await expect(group.count()).resolves.toBe(1);
    await expect(group.getByRole("row").filter({ hasText: word }).count()).resolves.toBe(2);
    await expect(group.getByRole("link", { name: "Kia Ceed — Nowy" }).getAttribute("href")).resolves.toBe(
      `/procesy/${kept.id}`,
    );
    await expect(group.getByRole("link", { name: "Toyota Yaris — Nowy" }).getAttribute("href")).resolves.toBe(
      `/procesy/${merged.id}`,
    );

    const pair = `Połącz: ${kept.customerName} i ${merged.customerName}`;
    const refused = await duplicates.mergeWithoutChoice(pair);
    await expect(refused.textContent()).resolves.toBe("Wybierz, którego klienta zachować.");
    await expect(group.getByRole("row").filter({ hasText: word }).count()).resolves.toBe(2);

    await duplicates.merge(pair, kept.customerName);
    await expect(duplicates.confirmation().textContent()).resolves.toBe(
      `Połączono klientów. Zachowano: ${kept.customerName}.`,
    );
    await expect(duplicates.group(`Wspólny telefon: ${formatPhone(phone)}`).count()).resolves.toBe(0);

    // The kept customer has both processes; the other one is gone from every list.
    const list = new ProcessListPage(page);
    await list.goto(`?q=${encodeURIComponent(word)}`);
    await expect(list.rows().count()).resolves.toBe(2);
    await expect(list.row(kept.customerName).count()).resolves.toBe(2);
    await expect(list.row(merged.customerName).count()).resolves.toBe(0);

    // Each of them tells of the merge in its history; the kept one got the other's e-mail.
    for (const id of [kept.id, merged.id]) {
      await page.goto(`/procesy/${id}`);
      const panel = new ProcessPanelPage(page);
      await expect(panel.heading().textContent()).resolves.toContain(kept.customerName);
      await expect(
        panel
          .history()
          .filter({ hasText: `Połączono z klientem ${merged.customerName} (#${merged.customerId})` })
          .count(),
      ).resolves.toBe(1);
      await expect(page.getByRole("link", { name: `ania-${word}@klient.test` }).count()).resolves.toBe(1);
    }
  });
});
