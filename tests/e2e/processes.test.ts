import path from "node:path";
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, newContext } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { ProcessListPage } from "./pages/process-list-page";
import { ProcessNewPage } from "./pages/process-new-page";
import { ProcessPanelPage } from "./pages/process-panel-page";

const PASSWORD = "haslo-e2e-123";
const unique = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
type Person = { name: string; email: string };

/** Users straight into the server's database: the users page is covered by the foundation's tests. */
function insertUsers(people: (Person & { role: string })[]) {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"));
  const hash = bcrypt.hashSync(PASSWORD, 4);
  const insert = db.prepare("insert into users (name, email, password_hash, role) values (?, ?, ?, ?)");
  for (const person of people) insert.run(person.name, person.email, hash, person.role);
  db.close();
}

const seller: Person = { name: `Sara Sprzedawczyni ${unique}`, email: `sara-${unique}@e2e.test` };
const colleague: Person = { name: `Cezary Kolega ${unique}`, email: `cezary-${unique}@e2e.test` };
const manager: Person = { name: `Maria Kierowniczka ${unique}`, email: `maria-${unique}@e2e.test` };

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  insertUsers([
    { ...seller, role: "salesperson" },
    { ...colleague, role: "salesperson" },
    { ...manager, role: "manager" },
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

async function signedIn(person: Person, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options);
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, PASSWORD);
  return page;
}

// A random mobile number, so reruns against one server never collide.
const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
const phoneTyped = `+48 601 ${digits.slice(0, 3)} ${digits.slice(3)}`;
const phoneOtherwise = `601-${digits.slice(0, 3)}-${digits.slice(3)}`;
const customer = `Zenon Testowy${unique}`;

test("a salesperson creates a process, finds it by the phone typed differently and resigns it with a reason; a manager reassigns it; the former owner gets Nie znaleziono", async () => {
  const page = await signedIn(seller);
  const form = new ProcessNewPage(page);
  await form.goto();
  await expect(page.getByLabel("Opiekun").count()).resolves.toBe(0);
  await form.create({ firstName: "Zenon", lastName: `Testowy${unique}`, phone: phoneTyped, email: `zenon${unique}@example.pl`, brand: "Škoda", model: "Octavia", source: "Telefon" });

  const panel = new ProcessPanelPage(page);
  const processId = panel.id();
  await expect(panel.heading().textContent()).resolves.toBe(customer);
  await expect(panel.status().textContent()).resolves.toBe("Nowy");
  await expect(panel.owner().textContent()).resolves.toBe(seller.name);
  await expect(page.locator(`a[href="tel:+48601${digits}"]`).count()).resolves.toBe(1);
  await expect(page.getByText("Brak zaplanowanego kontaktu").first().isVisible()).resolves.toBe(true);
  await expect(page.getByRole("link", { name: "Planowanie zadań" }).last().getAttribute("href")).resolves.toBe(`/procesy/${processId}/planowanie`);
  await expect(panel.history().first().textContent()).resolves.toContain("Utworzono proces");

  const list = new ProcessListPage(page);
  await list.goto();
  await list.search(phoneOtherwise);
  await expect(list.rows().count()).resolves.toBe(1);
  await expect(list.row(customer).textContent()).resolves.toContain("Brak zaplanowanego kontaktu");
  await list.open(customer);
  expect(panel.id()).toBe(processId);

  // The reason is required: without it the status stays.
  await page.getByLabel("Status procesu").selectOption({ label: "w opiece (rezygnacja)" });
  await page.getByRole("button", { name: "Zmień status" }).click();
  await page.getByText("Podaj powód rezygnacji.").waitFor();
  await expect(panel.status().textContent()).resolves.toBe("Nowy");

  await panel.changeStatus("w opiece (rezygnacja)", "Kupił samochód w innym salonie.");
  const latest = panel.history().first();
  await expect(latest.textContent()).resolves.toContain("Status: Nowy → w opiece (rezygnacja)");
  await expect(latest.textContent()).resolves.toContain("Kupił samochód w innym salonie.");
  await expect(latest.textContent()).resolves.toContain(seller.name);

  const managerPage = await signedIn(manager);
  await managerPage.goto(`/procesy/${processId}`);
  const managerPanel = new ProcessPanelPage(managerPage);
  await managerPanel.changeOwner(colleague.name);
  await expect(managerPanel.history().first().textContent()).resolves.toContain(`Opiekun: ${seller.name} → ${colleague.name}`);

  const refused = await page.goto(`/procesy/${processId}`);
  expect(refused?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Nie znaleziono" }).isVisible()).resolves.toBe(true);
  // Nor through the list filter by the new owner.
  const filtered = await page.goto(`/procesy?owner=${await ownerIdOf(colleague.email)}`);
  expect(filtered?.status()).toBe(404);

  const colleaguePage = await signedIn(colleague);
  await colleaguePage.goto(`/procesy/${processId}`);
  await expect(new ProcessPanelPage(colleaguePage).heading().textContent()).resolves.toBe(customer);
});

test("without JavaScript: a duplicate phone offers the existing customer and the new process joins them", async () => {
  const page = await signedIn(seller, { javaScriptEnabled: false });
  const form = new ProcessNewPage(page);
  await page.goto("/procesy/nowy");
  const phone = `+48 602 ${digits.slice(0, 3)} ${digits.slice(3)}`;
  await form.create({ firstName: "Halina", lastName: `Dubel${unique}`, phone, source: "Salon", brand: "Kia", model: "Ceed" });
  const first = new ProcessPanelPage(page).id();

  await page.goto("/procesy/nowy");
  await form.fill({ firstName: "Halina", lastName: "D.", phone: `602${digits}`, brand: "Kia", model: "Sportage" });
  await form.submit();
  await form.duplicateNotice().waitFor();
  await expect(page.getByText(`Klient Halina Dubel${unique} ma już ten numer telefonu.`).first().isVisible()).resolves.toBe(true);
  await expect(page.getByLabel("Marka").inputValue()).resolves.toBe("Kia");
  await form.useExistingCustomer();

  const second = new ProcessPanelPage(page);
  expect(second.id()).not.toBe(first);
  await expect(second.heading().textContent()).resolves.toBe(`Halina Dubel${unique}`);

  // Both processes belong to one customer: the phone finds two rows of the same name.
  const list = new ProcessListPage(page);
  await list.goto(`?q=${encodeURIComponent(phone)}`);
  await expect(list.row(`Halina Dubel${unique}`).count()).resolves.toBe(2);
});

async function ownerIdOf(email: string): Promise<number> {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"), { readonly: true });
  const row = db.prepare("select id from users where email = ?").get(email) as { id: number };
  db.close();
  return row.id;
}
