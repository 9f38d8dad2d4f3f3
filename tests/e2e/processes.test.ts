import { and, asc, eq, ne } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { getDb, transaction } from "@/db/client";
import { processes } from "@/db/schema";
import { useServerDatabase } from "@/tests/support/database";
import {
  attachTestFile,
  insertAllDayTask,
  insertNote,
  insertProcess,
  insertTask,
  insertUser,
  type TestUser,
} from "@/tests/support/fixtures";
import { launchBrowser, newContext, signedIn } from "./support/chromium";
import { LoginPage } from "./pages/login-page";
import { NotificationsPage } from "./pages/notifications-page";
import { ProcessListPage } from "./pages/process-list-page";
import { ProcessNewPage } from "./pages/process-new-page";
import { ProcessPanelPage } from "./pages/process-panel-page";

useServerDatabase();
const unique = `${Date.now()}${Math.floor(Math.random() * 1000)}`;

// Users straight into the server's database: the users page is covered by the foundation's tests.
let seller: TestUser, colleague: TestUser, manager: TestUser;
let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  seller = await insertUser("salesperson", { name: `Sara Sprzedawczyni ${unique}` });
  colleague = await insertUser("salesperson", { name: `Cezary Kolega ${unique}` });
  manager = await insertUser("manager", { name: `Maria Kierowniczka ${unique}` });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser.close();
});

/** A signed-in page, its context closed after the file. */
async function pageOf(person: TestUser, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await signedIn(browser, person, options);
  contexts.push(page.context());
  return page;
}

// A random mobile number, so reruns against one server never collide.
const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
const phoneTyped = `+48 601 ${digits.slice(0, 3)} ${digits.slice(3)}`;
const phoneOtherwise = `601-${digits.slice(0, 3)}-${digits.slice(3)}`;
const customer = `Zenon Testowy${unique}`;

test("a salesperson creates a process, finds it by the phone typed differently and resigns it with a reason; a manager reassigns it; the former owner gets Nie znaleziono", async () => {
  const page = await pageOf(seller);
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

  const managerPage = await pageOf(manager);
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
  const filtered = await page.goto(`/procesy?owner=${colleague.id}`);
  expect(filtered?.status()).toBe(404);

  const colleaguePage = await pageOf(colleague);
  await colleaguePage.goto(`/procesy/${processId}`);
  await expect(new ProcessPanelPage(colleaguePage).heading().textContent()).resolves.toBe(customer);
});

test("without JavaScript: a duplicate phone offers the existing customer and the new process joins them", async () => {
  const page = await pageOf(seller, { javaScriptEnabled: false });
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
  const page = await pageOf(seller);
  const form = new ProcessNewPage(page);
  const served = `Wanda Obsłużona${unique}`;
  const phone = `+48 603 ${digits.slice(0, 3)} ${digits.slice(3)}`;
  await page.goto("/procesy/nowy");
  await form.create({ firstName: "Wanda", lastName: `Obsłużona${unique}`, phone, email: `wanda${unique}@example.pl` });

  const other = await pageOf(colleague, { javaScriptEnabled: false });
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

  const managerPage = await pageOf(manager);
  const notifications = new NotificationsPage(managerPage);
  await notifications.goto();
  await notifications
    .item(
      `${colleague.name} próbował(a) założyć nowy proces dla klienta ${served} (opiekun: ${seller.name}): ten sam numer telefonu.`,
    )
    .waitFor();
});

test("the panel lists tasks (planned by time, then done) with their files, and a history of notes shown as typed; the list marks overdue work; it reads at 360 px", async () => {
  const page = await pageOf(seller);
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
  const allDay = await insertAllDayTask(processId, seller.id, "2030-07-04", {
    goal: "test_drive",
    dueAt: new Date("2030-07-03T22:00:00Z"),
  });
  const timed = await insertTask(processId, seller.id, {
    goal: "offer_presentation",
    remindAbout: "Zabrać katalog",
    startAt: new Date("2030-07-03T08:00:00Z"),
    dueAt: new Date("2030-07-03T08:00:00Z"),
  });
  const done = await insertTask(processId, seller.id, {
    goal: "phone_contact",
    startAt: new Date("2026-01-10T09:00:00Z"),
    dueAt: new Date("2026-01-10T09:00:00Z"),
    state: "done",
    doneAt: new Date("2026-01-10T09:15:00Z"),
    doneById: seller.id,
  });
  const file = await attachTestFile(timed.id, seller.id, "oferta Škoda.pdf");
  await insertNote(processId, seller.id, {
    content: "Pierwsza linia\n<b>druga</b> linia",
    taskId: done.id,
    notifyOwner: false,
    createdAt: new Date("2030-01-01T10:00:00Z"),
  });
  // Another process of hers with a task long overdue.
  const [overdueProcess] = await getDb()
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.ownerId, seller.id), ne(processes.id, processId)))
    .orderBy(asc(processes.id))
    .limit(1);
  await transaction((tx) =>
    tx.update(processes).set({ status: "in_progress" }).where(eq(processes.id, overdueProcess.id)),
  );
  await insertTask(overdueProcess.id, seller.id, {
    startAt: new Date("2020-01-01T09:00:00Z"),
    endAt: null,
    dueAt: new Date("2020-01-01T09:00:00Z"),
  });

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
  const historian = await insertUser("salesperson", { name: "Hanna Historyczna" });
  const { id: processId } = await insertProcess(historian.id, {
    status: "in_progress",
    customer: { firstName: "Długa", lastName: "Historia" },
  });
  for (let i = 1; i <= 25; i++) {
    await insertNote(processId, historian.id, {
      initiative: "dealer",
      content: `Rozmowa numer ${i}`,
      notifyOwner: false,
      createdAt: new Date(Date.parse("2026-11-01T10:00:00Z") + i * 60_000),
    });
  }

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(historian.email, historian.password);
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
