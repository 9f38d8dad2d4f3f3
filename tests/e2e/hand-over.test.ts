import type { BrowserContext, Page } from "playwright-core";
import { useServerDatabase } from "@/tests/support/database";
import { insertProcess, insertUser, type TestUser } from "@/tests/support/fixtures";
import { newContext, useBrowser } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { NotificationsPage } from "./pages/notifications-page";
import { ProcessListPage } from "./pages/process-list-page";
import { UsersPage } from "./pages/users-page";
import { ADMIN } from "@/tests/support/server";

useServerDatabase();
const browser = useBrowser();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close();
});

let manager: TestUser, seller: TestUser;
beforeAll(async () => {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  manager = await insertUser("manager", { name: `Maria Kierowniczka ${tag}` });
  seller = await insertUser("salesperson", { name: `Sara Odchodząca ${tag}` });
});

async function pageOf(
  person: TestUser,
  options: { javaScriptEnabled?: boolean; mobile?: boolean } = {},
): Promise<Page> {
  const context = await newContext(browser(), options);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}

/** Three processes of the leaving salesperson, their customers named after `word`. */
async function threeProcesses(word: string) {
  const names: string[] = [];
  for (const suffix of ["Pierwsza", "Druga", "Trzecia"]) {
    const process = await insertProcess(seller.id, { customer: { firstName: "Ewa", lastName: `${word} ${suffix}` } });
    names.push(process.customerName);
  }
  return names;
}

const ownerCell = (list: ProcessListPage, customer: string) => list.row(customer).locator('td[data-label="Opiekun"]');

describe.each([
  ["with JavaScript, on a 360 px phone", true],
  ["without JavaScript", false],
] as const)("Zmień opiekuna zaznaczonych %s", (_how, javaScriptEnabled) => {
  test("ticked rows go to the new owner, who gets one notification leading to their list", async () => {
    const word = `Tick${javaScriptEnabled ? "Js" : "NoJs"}${Date.now()}`;
    const [first, second, third] = await threeProcesses(word);
    const colleague = await insertUser("salesperson", { name: `Cezary Przejmujący ${word}` });
    const page = await pageOf(manager, { javaScriptEnabled, mobile: javaScriptEnabled });
    const list = new ProcessListPage(page);
    await list.goto(`?q=${word}`);
    await expect(list.rows().count()).resolves.toBe(3);

    // Nothing ticked: refused next to the list, the chosen owner kept.
    const refused = await list.handOver(colleague.name);
    await expect(refused.textContent()).resolves.toBe("Popraw zaznaczone pola.");
    await expect(page.getByText("Zaznacz co najmniej jeden proces.").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Nowy opiekun").inputValue()).resolves.toBe(String(colleague.id));

    await list.tick(first);
    await list.tick(third);
    const done = await list.handOver(colleague.name);
    await expect(done.textContent()).resolves.toBe(`Przekazano 2 procesy użytkownikowi ${colleague.name}.`);
    await list.goto(`?q=${word}`);
    await expect(ownerCell(list, first).textContent()).resolves.toBe(colleague.name);
    await expect(ownerCell(list, second).textContent()).resolves.toBe(seller.name);
    await expect(ownerCell(list, third).textContent()).resolves.toBe(colleague.name);

    const theirs = await pageOf(colleague, { javaScriptEnabled });
    const notifications = new NotificationsPage(theirs);
    await notifications.goto();
    const message = `${manager.name} przekazał(a) Ci 2 procesy.`;
    await expect(notifications.item(message).count()).resolves.toBe(1);
    await Promise.all([theirs.waitForURL(/\/procesy\?owner=\d+$/), notifications.open(message)]);
    expect(new URL(theirs.url()).search).toBe(`?owner=${colleague.id}`);
    const own = new ProcessListPage(theirs);
    await expect(own.row(first).count()).resolves.toBe(1);
    await expect(own.row(third).count()).resolves.toBe(1);
    await expect(own.row(second).count()).resolves.toBe(0);
  });

  test("all matching the filter go, also those on no page drawn", async () => {
    const word = `Filtr${javaScriptEnabled ? "Js" : "NoJs"}${Date.now()}`;
    const names = await threeProcesses(word);
    const colleague = await insertUser("salesperson", { name: `Cezary Filtrowy ${word}` });
    const page = await pageOf(manager, { javaScriptEnabled });
    const list = new ProcessListPage(page);
    await list.goto(`?q=${word}`);
    await expect(page.getByRole("radio", { name: "wszystkie pasujące do filtra (3)" }).count()).resolves.toBe(1);

    const done = await list.handOver(colleague.name, "filter");
    await expect(done.textContent()).resolves.toBe(`Przekazano 3 procesy użytkownikowi ${colleague.name}.`);
    await list.goto(`?q=${word}`);
    for (const name of names) await expect(ownerCell(list, name).textContent()).resolves.toBe(colleague.name);
  });
});

describe.each([
  ["with JavaScript, on a 360 px phone", true],
  ["without JavaScript", false],
] as const)("Dezaktywuj a user with open processes %s", (_how, javaScriptEnabled) => {
  test("the form asks who takes them over, then deactivates and hands them over at once", async () => {
    const word = `Odejscie${javaScriptEnabled ? "Js" : "NoJs"}${Date.now()}`;
    const leaving = await insertUser("salesperson", { name: `Olga Odchodząca ${word}` });
    const colleague = await insertUser("salesperson", { name: `Piotr Przejmujący ${word}` });
    const names = await Promise.all(
      ["Jeden", "Dwa"].map(
        async (suffix) =>
          (await insertProcess(leaving.id, { customer: { lastName: `${word} ${suffix}` } })).customerName,
      ),
    );
    const page = await pageOf({ ...ADMIN } as TestUser, { javaScriptEnabled, mobile: javaScriptEnabled });
    const users = new UsersPage(page);
    await users.goto();
    const row = users.row(leaving.email);
    await expect(row.getByLabel("Przejmuje otwarte procesy (2)").count()).resolves.toBe(1);

    await users.deactivateHandingTo(leaving.email, null);
    await row.getByText("Wybierz, kto przejmie otwarte procesy tego użytkownika (2).").waitFor();
    await expect(row.getByText("Aktywny", { exact: true }).count()).resolves.toBe(1);

    await users.deactivateHandingTo(leaving.email, colleague.name);
    await row
      .getByText(`Użytkownik został dezaktywowany; ${colleague.name} przejmuje jego otwarte procesy (2).`)
      .waitFor();
    await expect(row.getByText("Nieaktywny", { exact: true }).count()).resolves.toBe(1);

    const list = new ProcessListPage(page);
    await list.goto(`?q=${word}`);
    for (const name of names) await expect(ownerCell(list, name).textContent()).resolves.toBe(colleague.name);
  });
});
