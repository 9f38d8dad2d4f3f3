import type { Browser, BrowserContext, Page } from "playwright-core";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { showrooms } from "@/db/schema";
import { insertShowroom } from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";
import { launchBrowser } from "./support/chromium";
import { insertPerson, ownServer, type OwnServer, type Person } from "./support/attack-kit";
import { LoginPage } from "./pages/login-page";
import { ProcessNewPage } from "./pages/process-new-page";
import { ProcessPanelPage } from "./pages/process-panel-page";
import { ShowroomsPage } from "./pages/showrooms-page";
import { UsersPage } from "./pages/users-page";

// Several showrooms in Chromium, with and without JavaScript: "Salony", who works where in "Użytkownicy",
// "Salon" in "Nowy proces" and on the panel, the filters of "Procesy", "Kalendarz" and "Statystyki". On a
// server of its own, whose dealership is called "Auto Centrum" (DEALER_NAME): the other tests' server
// stays a single-showroom dealership.

const DEALER = "Auto Centrum";
let server: OwnServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await ownServer({ DEALER_NAME: DEALER });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function signedInPage(person: { email: string; password: string }, javaScript: boolean, phone = false) {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    javaScriptEnabled: javaScript,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    viewport: phone ? { width: 360, height: 740 } : { width: 1280, height: 900 },
  });
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}

const fieldError = (page: Page, id: string) => page.locator(`#${id}-error`);
let run = 0;

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("%s", (_mode, javaScript) => {
  const tag = `${++run}`;

  test("an admin adds, renames and deactivates a showroom and sets who works where", async () => {
    const page = await signedInPage(ADMIN, javaScript);
    const showrooms = new ShowroomsPage(page);
    await showrooms.goto();
    // The installation's first showroom took the dealership's name.
    await showrooms.row(DEALER).waitFor();

    const name = `Salon Północ ${tag}`;
    await showrooms.add({ name, address: "ul. Modlińska 200, Warszawa", phone: "nie-telefon" });
    await fieldError(page, "new-showroom-phone").filter({ hasText: "Podaj poprawny numer telefonu" }).waitFor();
    await expect(showrooms.addForm().getByLabel("Nazwa").inputValue()).resolves.toBe(name);
    await showrooms.add({ phone: "22 765 43 21" });
    await page.getByText(`Dodano salon ${name}.`).waitFor();
    await expect(showrooms.row(name).getByLabel("Telefon").inputValue()).resolves.toBe("+48 22 765 43 21");

    await showrooms.add({ name: name.toUpperCase() });
    await fieldError(page, "new-showroom-name").filter({ hasText: "Salon o tej nazwie już istnieje." }).waitFor();

    const renamed = `Salon Północny ${tag}`;
    await showrooms.edit(name, { name: renamed });
    await showrooms.row(renamed).getByText("Zapisano zmiany salonu.").waitFor();
    // The working day ("Godzina otwarcia", "Godzina zamknięcia"): closing before opening is refused next to
    // the field, the typed hours stay; right ones are kept.
    await showrooms.edit(renamed, { opensAt: "18:00", closesAt: "09:00" });
    await showrooms
      .row(renamed)
      .locator('[id$="-closesAt-error"]')
      .filter({ hasText: "Godzina zamknięcia musi być późniejsza niż godzina otwarcia." })
      .waitFor();
    await expect(showrooms.row(renamed).getByLabel("Godzina otwarcia").inputValue()).resolves.toBe("18:00");
    await showrooms.edit(renamed, { opensAt: "09:00", closesAt: "17:30" });
    await showrooms.row(renamed).getByText("Zapisano zmiany salonu.").waitFor();
    await showrooms.goto();
    await expect(showrooms.row(renamed).getByLabel("Godzina zamknięcia").inputValue()).resolves.toBe("17:30");
    await showrooms.setActive(renamed, false);
    await showrooms.setActive(renamed, true);

    // "Użytkownicy": a new user needs at least one showroom.
    const users = new UsersPage(page);
    await users.goto();
    const email = `ewa-${tag}-${Date.now()}@salon.test`;
    const person = {
      name: `Ewa Kierowniczka ${tag}`,
      email,
      password: "haslo-kierowniczki",
      role: "Kierownik" as const,
    };
    await users.addUser({ ...person, showrooms: [] });
    await page.locator("#new-user-showrooms-error").filter({ hasText: "Wybierz co najmniej jeden salon." }).waitFor();
    await expect(users.addForm().getByLabel("E-mail").inputValue()).resolves.toBe(email);
    await users.addUser({ ...person, showrooms: [renamed] });
    await users.row(email).waitFor();
    await expect(users.row(email).getByLabel(renamed, { exact: true }).isChecked()).resolves.toBe(true);
    await expect(users.row(email).getByLabel(DEALER, { exact: true }).isChecked()).resolves.toBe(false);

    await users.setShowrooms(email, []);
    await users.row(email).getByText("Wybierz co najmniej jeden salon.").waitFor();
    await users.setShowrooms(email, [DEALER, renamed]);
    await users.row(email).getByText("Zapisano salony użytkownika.").waitFor();
    await expect(users.row(email).getByLabel(DEALER, { exact: true }).isChecked()).resolves.toBe(true);
  }, 180_000);

  test("Salon in Nowy proces, on the panel and as the filter of Procesy, Kalendarz and Statystyki", async () => {
    // A manager of both showrooms; a salesperson in each.
    const northName = `Salon Zachód ${tag}`;
    const { id: north } = await insertShowroom({ name: northName });
    const [{ id: home }] = await getDb()
      .select({ id: showrooms.id })
      .from(showrooms)
      .orderBy(asc(showrooms.id))
      .limit(1);
    const manager: Person = await insertPerson("manager", `Zenon Oba ${tag}`, [north, home]);
    const sellerNorth = await insertPerson("salesperson", `Sara Zachodnia ${tag}`, [north]);
    const sellerHome = await insertPerson("salesperson", `Hubert Domowy ${tag}`);

    const page = await signedInPage(manager, javaScript);
    const form = new ProcessNewPage(page);
    await form.goto();
    const customer = `Kowalska ${tag}`;
    await form.fill({ lastName: customer, phone: `60070${tag}123`, owner: sellerNorth.name });
    await form.submit();
    await fieldError(page, "process-showroom").filter({ hasText: "Wybierz salon." }).waitFor();
    await expect(page.getByLabel("Nazwisko").inputValue()).resolves.toBe(customer);
    // Required ("Salon*"): the select's accessible name leaves the asterisk out.
    await page.getByRole("combobox", { name: "Salon", exact: true }).selectOption({ label: northName });
    await Promise.all([page.waitForURL(/\/procesy\/\d+$/), form.submit()]);

    const panel = new ProcessPanelPage(page);
    await expect(panel.showroom().textContent()).resolves.toBe(northName);
    await expect(panel.owner().textContent()).resolves.toContain(sellerNorth.name);
    // To the dealership's first showroom: Sara does not work there, so Hubert takes it over.
    await panel.changeShowroom(DEALER);
    await fieldError(page, "process-showroom-owner")
      .filter({ hasText: "Opiekun musi pracować w wybranym salonie." })
      .waitFor();
    await panel.changeShowroom(DEALER, sellerHome.name);
    await panel.showroom().filter({ hasText: DEALER }).waitFor();
    await panel.owner().filter({ hasText: sellerHome.name }).waitFor();
    await panel
      .history()
      .filter({ hasText: `Salon: ${northName} → ${DEALER}` })
      .waitFor();
    await panel
      .history()
      .filter({ hasText: `Opiekun: ${sellerNorth.name} → ${sellerHome.name}` })
      .waitFor();

    // "Procesy": the filter by showroom, among the manager's two.
    await page.goto("/procesy");
    const filter = page.getByLabel("Salon", { exact: true });
    await expect(filter.locator("option").allTextContents()).resolves.toEqual(["Wszystkie salony", DEALER, northName]);
    await filter.selectOption({ label: DEALER });
    await Promise.all([page.waitForURL(/salon=\d+/), page.getByRole("button", { name: "Filtruj" }).click()]);
    await page.getByRole("link", { name: customer }).waitFor();
    await filter.selectOption({ label: northName });
    await Promise.all([page.waitForURL(`**salon=${north}**`), page.getByRole("button", { name: "Filtruj" }).click()]);
    await page.getByText("Brak procesów spełniających kryteria.").waitFor();

    // "Kalendarz" and "Statystyki".
    await page.goto("/kalendarz");
    await page.getByLabel("Salon", { exact: true }).selectOption({ label: northName });
    await Promise.all([page.waitForURL(`**salon=${north}**`), page.getByRole("button", { name: "Pokaż" }).click()]);
    await expect(page.getByLabel("Salon", { exact: true }).inputValue()).resolves.toBe(String(north));

    await page.goto("/statystyki");
    const comparison = page.locator("#showrooms");
    await comparison.waitFor();
    await expect(comparison.locator("thead th").allTextContents()).resolves.toEqual(
      expect.arrayContaining([DEALER, northName]),
    );
    const picker = page.getByRole("form", { name: "Wybór salonu" });
    await picker.getByLabel("Salon", { exact: true }).selectOption({ label: DEALER });
    await Promise.all([
      page.waitForURL(/\/statystyki\?.*salon=\d+/),
      picker.getByRole("button", { name: "Pokaż" }).click(),
    ]);
    await expect(page.locator("#showrooms").count()).resolves.toBe(0);
    await page.locator(`#activity`).getByText(sellerHome.name).waitFor();
    await expect(page.locator("#activity").getByText(sellerNorth.name).count()).resolves.toBe(0);
  }, 180_000);
});

test("Salony and the panel's Salon read on a 360 px phone", async () => {
  const page = await signedInPage(ADMIN, true, true);
  for (const path of ["/salony", "/uzytkownicy", "/procesy", "/statystyki"]) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect({ path, width }).toEqual({ path, width: 360 });
  }
});
