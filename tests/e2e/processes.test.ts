import path from "node:path";
import Database from "better-sqlite3";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, newContext } from "./support/chromium";
import { joinShowroom } from "./support/db-fixtures";
import { serverPasswordHash } from "./support/password-hash";
import { LoginPage } from "./pages/login-page";
import { NotificationsPage } from "./pages/notifications-page";
import { ProcessListPage } from "./pages/process-list-page";
import { ProcessNewPage } from "./pages/process-new-page";
import { ProcessPanelPage } from "./pages/process-panel-page";

const PASSWORD = "haslo-e2e-123";
const unique = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
type Person = { name: string; email: string };

/** Users straight into the server's database: the users page is covered by the foundation's tests. */
function insertUsers(people: (Person & { role: string })[]) {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"));
  const hash = serverPasswordHash(PASSWORD);
  const insert = db.prepare("insert into users (name, email, password_hash, role) values (?, ?, ?, ?)");
  for (const person of people)
    joinShowroom(db, Number(insert.run(person.name, person.email, hash, person.role).lastInsertRowid));
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
  await form.create({
    firstName: "Zenon",
    lastName: `Testowy${unique}`,
    phone: phoneTyped,
    email: `zenon${unique}@example.pl`,
    brand: "Škoda",
    model: "Octavia",
    source: "Telefon",
  });

  const panel = new ProcessPanelPage(page);
  const processId = panel.id();
  await expect(panel.heading().textContent()).resolves.toBe(customer);
  await expect(panel.status().textContent()).resolves.toBe("Nowy");
  await expect(panel.owner().textContent()).resolves.toBe(seller.name);
  await expect(page.locator(`a[href="tel:+48601${digits}"]`).count()).resolves.toBe(1);
  await expect(page.getByText("Brak zaplanowanego kontaktu").first().isVisible()).resolves.toBe(true);
  await expect(page.getByRole("link", { name: "Planowanie zadań" }).last().getAttribute("href")).resolves.toBe(
    `/procesy/${processId}/planowanie`,
  );
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
  await expect(managerPanel.history().first().textContent()).resolves.toContain(
    `Opiekun: ${seller.name} → ${colleague.name}`,
  );

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
  await form.create({
    firstName: "Halina",
    lastName: `Dubel${unique}`,
    phone,
    source: "Salon",
    brand: "Kia",
    model: "Ceed",
  });
  const first = new ProcessPanelPage(page).id();

  await page.goto("/procesy/nowy");
  await form.fill({ firstName: "Halina", lastName: "D.", phone: `602${digits}`, brand: "Kia", model: "Sportage" });
  await form.submit();
  await form.duplicateNotice().waitFor();
  await expect(
    page.getByText(`Klient Halina Dubel${unique} ma już ten numer telefonu.`).first().isVisible(),
  ).resolves.toBe(true);
  await expect(page.getByLabel("Marka").inputValue()).resolves.toBe("Kia");
  await form.useExistingCustomer();

  const second = new ProcessPanelPage(page);
  expect(second.id()).not.toBe(first);
  await expect(second.heading().textContent()).resolves.toBe(`Halina Dubel${unique}`);

  // "Powód rezygnacji" appears for the resignation status by CSS alone, and the change works as a plain form post.
  await expect(page.getByLabel("Powód rezygnacji").isVisible()).resolves.toBe(false);
  await page.getByLabel("Status procesu").selectOption({ label: "w opiece (rezygnacja)" });
  await expect(page.getByLabel("Powód rezygnacji").isVisible()).resolves.toBe(true);
  await second.changeStatus("w opiece (rezygnacja)", "Wybrała inny model.");
  await expect(second.history().first().textContent()).resolves.toContain("Powód: Wybrała inny model.");

  // Both processes belong to one customer: the phone finds two rows of the same name.
  const list = new ProcessListPage(page);
  await list.goto(`?q=${encodeURIComponent(phone)}`);
  await expect(list.row(`Halina Dubel${unique}`).count()).resolves.toBe(2);
});

test("another salesperson's customer: the form says only who serves them, offers nothing, and the manager hears of it", async () => {
  const page = await signedIn(seller);
  const form = new ProcessNewPage(page);
  const served = `Wanda Obsłużona${unique}`;
  const phone = `+48 603 ${digits.slice(0, 3)} ${digits.slice(3)}`;
  await page.goto("/procesy/nowy");
  await form.create({ firstName: "Wanda", lastName: `Obsłużona${unique}`, phone, email: `wanda${unique}@example.pl` });

  const other = await signedIn(colleague, { javaScriptEnabled: false });
  const otherForm = new ProcessNewPage(other);
  await other.goto("/procesy/nowy");
  await otherForm.fill({ lastName: "Ktoś Inny", phone: `603${digits}`, brand: "Kia" });
  await otherForm.submit();
  await other
    .getByText(`Klient o tym numerze telefonu jest już obsługiwany (opiekun: ${seller.name}).`, { exact: false })
    .first()
    .waitFor();
  const html = await other.content();
  for (const secret of ["Wanda", `Obsłużona${unique}`, `wanda${unique}@example.pl`]) expect(html).not.toContain(secret);
  await expect(otherForm.duplicateNotice().count()).resolves.toBe(0);
  await expect(other.getByLabel("Użyj istniejącego klienta").count()).resolves.toBe(0);
  // What was typed stays for another try.
  await expect(other.getByLabel("Marka").inputValue()).resolves.toBe("Kia");

  const managerPage = await signedIn(manager);
  const notifications = new NotificationsPage(managerPage);
  await notifications.goto();
  await notifications
    .item(
      `${colleague.name} próbował(a) założyć nowy proces dla klienta ${served} (opiekun: ${seller.name}): ten sam numer telefonu.`,
    )
    .waitFor();
});

async function ownerIdOf(email: string): Promise<number> {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"), { readonly: true });
  const row = db.prepare("select id from users where email = ?").get(email) as { id: number };
  db.close();
  return row.id;
}

test("the panel lists tasks (planned by time, then done) with their files, and a history of notes shown as typed; the list marks overdue work; it reads at 360 px", async () => {
  const page = await signedIn(seller);
  const form = new ProcessNewPage(page);
  await form.goto();
  await form.create({
    lastName: `Firma Zadaniowa ${unique}`,
    email: `zadania${unique}@example.pl`,
    source: "Strona WWW",
  });
  const panel = new ProcessPanelPage(page);
  const processId = panel.id();

  // Tasks, files and notes come from the planning forms of another part: put them in directly.
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"));
  const sellerId = (db.prepare("select id from users where email = ?").get(seller.email) as { id: number }).id;
  const insertTask = db.prepare(
    "insert into tasks (process_id, assignee_id, planned_by_id, goal, remind_about, all_day, due_date, start_at, end_at, due_at, state, done_at, done_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id",
  );
  const allDay = insertTask.get(
    processId,
    sellerId,
    sellerId,
    "test_drive",
    null,
    1,
    "2030-07-04",
    null,
    null,
    Date.parse("2030-07-03T22:00:00Z"),
    "planned",
    null,
    null,
  ) as { id: number };
  const timed = insertTask.get(
    processId,
    sellerId,
    sellerId,
    "offer_presentation",
    "Zabrać katalog",
    0,
    null,
    Date.parse("2030-07-03T08:00:00Z"),
    Date.parse("2030-07-03T08:30:00Z"),
    Date.parse("2030-07-03T08:00:00Z"),
    "planned",
    null,
    null,
  ) as { id: number };
  const done = insertTask.get(
    processId,
    sellerId,
    sellerId,
    "phone_contact",
    null,
    0,
    null,
    Date.parse("2026-01-10T09:00:00Z"),
    Date.parse("2026-01-10T09:30:00Z"),
    Date.parse("2026-01-10T09:00:00Z"),
    "done",
    Date.parse("2026-01-10T09:15:00Z"),
    sellerId,
  ) as { id: number };
  const file = db
    .prepare(
      "insert into task_files (task_id, token, original_name, stored_name, size, mime_type, sha256, uploaded_by_id) values (?, ?, ?, ?, 10, 'application/pdf', 'x', ?) returning id",
    )
    .get(timed.id, `tok-${unique}`, "oferta Škoda.pdf", `stored-${unique}`, sellerId) as { id: number };
  db.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, task_id, created_at) values (?, ?, 'customer', 'phone', ?, ?, ?)",
  ).run(processId, sellerId, "Pierwsza linia\n<b>druga</b> linia", done.id, Date.parse("2030-01-01T10:00:00Z"));
  // Another process of hers with a task long overdue.
  const overdueProcess = db
    .prepare("select id from processes where owner_id = ? and id != ? order by id limit 1")
    .get(sellerId, processId) as { id: number };
  db.prepare("update processes set status = 'in_progress' where id = ?").run(overdueProcess.id);
  insertTask.run(
    overdueProcess.id,
    sellerId,
    sellerId,
    "phone_contact",
    null,
    0,
    null,
    Date.parse("2020-01-01T09:00:00Z"),
    null,
    Date.parse("2020-01-01T09:00:00Z"),
    "planned",
    null,
    null,
  );
  db.close();

  await page.reload();
  const taskItems = page.locator(".task-list > li");
  await expect(
    taskItems.evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-task-id")))),
  ).resolves.toEqual([timed.id, allDay.id, done.id]);
  const first = await taskItems.nth(0).textContent();
  expect(first).toContain("Przedstawienie oferty");
  expect(first).toContain("3 lip 2030, 10:00–10:30");
  expect(first).toContain("Przypomnij o: Zabrać katalog");
  expect(first).toContain("Zaplanowane");
  await expect(taskItems.nth(0).getByRole("link", { name: "oferta Škoda.pdf" }).getAttribute("href")).resolves.toBe(
    `/api/files/${file.id}`,
  );
  await expect(taskItems.nth(0).getByRole("link", { name: "Wykonaj" }).getAttribute("href")).resolves.toBe(
    `/procesy/${processId}/zadania/${timed.id}/wykonaj`,
  );
  await expect(taskItems.nth(1).textContent()).resolves.toContain("4 lip 2030 · cały dzień");
  const doneText = await taskItems.nth(2).textContent();
  expect(doneText).toContain("Wykonane");
  expect(doneText).toContain(`Wykonał(a): ${seller.name}`);
  await expect(taskItems.nth(2).getByRole("link", { name: "Wykonaj" }).count()).resolves.toBe(0);
  await expect(page.getByText("Brak zaplanowanego kontaktu").count()).resolves.toBe(0);

  const note = panel.history().first();
  const noteText = await note.textContent();
  expect(noteText).toContain("Inicjatywa: Klient");
  expect(noteText).toContain("Rodzaj notatki: Telefon");
  expect(noteText).toContain("Dotyczy zadania: Kontakt telefoniczny");
  await expect(note.locator(".note-content").innerText()).resolves.toBe("Pierwsza linia\n<b>druga</b> linia");
  await expect(note.locator("b").count()).resolves.toBe(0);

  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);

  const list = new ProcessListPage(page);
  await list.goto("?flag=overdue");
  await expect(
    list.rows().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-process-id")))),
  ).resolves.toEqual([overdueProcess.id]);
  await expect(list.rows().first().textContent()).resolves.toContain("Zaległe");
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
});

test("a long history shows its newest 20 entries first and opens whole on request", async () => {
  const { insertUser, insertProcess, openServerDb } = await import("./support/db-fixtures");
  const db = openServerDb();
  const seller = insertUser(db, "salesperson", "Hanna Historyczna");
  const processId = insertProcess(db, seller.id, { firstName: "Długa", lastName: "Historia" });
  const insert = db.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, created_at) values (?, ?, 'dealer', 'phone', ?, ?)",
  );
  for (let i = 1; i <= 25; i++)
    insert.run(processId, seller.id, `Rozmowa numer ${i}`, Date.parse("2026-11-01T10:00:00Z") + i * 60_000);
  db.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  await page.goto(`/procesy/${processId}`);
  const panel = new ProcessPanelPage(page);
  await expect(panel.history().count()).resolves.toBe(20);
  await expect(panel.history().first().textContent()).resolves.toContain("Rozmowa numer 25");
  await page.getByRole("link", { name: "Pokaż całą historię (25 wpisów)" }).click();
  await page.waitForURL(/historia=cala/);
  await expect(panel.history().count()).resolves.toBe(25);
  await expect(panel.history().last().textContent()).resolves.toContain("Rozmowa numer 1");
  await context.close();
});
