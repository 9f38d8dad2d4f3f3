import type { Browser } from "playwright-core";
import { addDays, localDate, startOfLocalDay, zonedInstant } from "@/lib/time";
import { ADMIN, baseURL, launchBrowser, newContext } from "./support/chromium";
import { insertNotification, insertProcess, insertTask, insertUser, openServerDb } from "./support/db-fixtures";
import { AppShell } from "./pages/app-shell";
import { CalendarPage } from "./pages/calendar-page";
import { LoginPage } from "./pages/login-page";
import { NotificationsPage } from "./pages/notifications-page";
import { TaskFormPage } from "./pages/task-form-page";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const badge = (shell: AppShell) => shell.navLink("Powiadomienia").locator(".badge");

test("a manager leaves a note with 'Powiadom właściciela procesu'; the owner sees the count, opens it and lands on the process", async () => {
  const db = openServerDb();
  const owner = insertUser(db, "salesperson", "Olga Opiekunka");
  const processId = insertProcess(db, owner.id, { firstName: "Marek", lastName: "Klientowski" });
  db.close();

  // The manager (here the admin) records the contact and plans the next one on the owner's process.
  const managerContext = await newContext(browser);
  const managerPage = await managerContext.newPage();
  await new LoginPage(managerPage).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(managerPage);
  await form.gotoPlanning(processId);
  await form.fillNote({
    initiative: "Klient",
    noteType: "Telefon",
    notifyOwner: true,
    content: "Klient dzwonił w sprawie jazdy próbnej.",
  });
  await form.fillTask({ goal: "Jazda próbna", startDate: addDays(localDate(), 2), startTime: "10:00" });
  await form.saveAndReturn(processId);
  await managerContext.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(owner.email, owner.password);
  const shell = new AppShell(page);
  // One for the note, one for the task the manager planned for them.
  await expect(badge(shell).textContent()).resolves.toBe("2");

  await shell.navLink("Powiadomienia").click();
  await page.waitForURL("**/powiadomienia");
  const notifications = new NotificationsPage(page);
  const message = "Adam Admin dodał(a) notatkę w procesie klienta Marek Klientowski.";
  await expect(notifications.unreadItems().count()).resolves.toBe(2);
  await expect(notifications.item(message).getByText("Nowe").isVisible()).resolves.toBe(true);

  await notifications.open(message);
  await page.waitForURL(`**/procesy/${processId}`);
  await expect(page.getByText("Klient dzwonił w sprawie jazdy próbnej.").isVisible()).resolves.toBe(true);
  await expect(badge(shell).textContent()).resolves.toBe("1");

  await notifications.goto();
  await expect(notifications.unreadItems().count()).resolves.toBe(1);
  await expect(notifications.item(message).getAttribute("data-unread")).resolves.not.toBe("true");
  await context.close();
});

test("mark all as read, without JavaScript; another user's notifications stay theirs", async () => {
  const db = openServerDb();
  const owner = insertUser(db, "salesperson", "Piotr Powiadamiany");
  const other = insertUser(db, "salesperson", "Inny Sprzedawca");
  const processId = insertProcess(db, owner.id, { firstName: "Ala", lastName: "Nowicka" });
  insertNotification(db, { userId: owner.id, processId, message: "Pierwsze powiadomienie" });
  insertNotification(db, { userId: owner.id, processId, message: "Drugie powiadomienie" });
  insertNotification(db, { userId: other.id, processId, message: "Cudze powiadomienie" });
  db.close();

  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(owner.email, owner.password);
  const shell = new AppShell(page);
  const notifications = new NotificationsPage(page);
  await notifications.goto();
  await expect(badge(shell).textContent()).resolves.toBe("2");
  // Newest first.
  await expect(page.locator("li.notification .notification-message").allTextContents()).resolves.toEqual([
    "Drugie powiadomienie",
    "Pierwsze powiadomienie",
  ]);
  await expect(notifications.item("Cudze powiadomienie").count()).resolves.toBe(0);

  await notifications.markAllRead();
  await page.getByText("Wszystkie powiadomienia oznaczono jako przeczytane.").waitFor();
  await expect(notifications.unreadItems().count()).resolves.toBe(0);
  await expect(badge(shell).count()).resolves.toBe(0);

  // Opening works without JavaScript too.
  await notifications.open("Pierwsze powiadomienie");
  await page.waitForURL(`**/procesy/${processId}`);
  await context.close();
});

test("the calendar shows seeded tasks in their day and hour, also on the spring DST week and on a phone", async () => {
  const db = openServerDb();
  const seller = insertUser(db, "salesperson", "Kasia Kalendarzowa");
  const processId = insertProcess(
    db,
    seller.id,
    { firstName: "Tomasz", lastName: "Terminowy" },
    { brand: "Kia", model: "Ceed" },
  );
  const today = localDate();
  const tomorrow = addDays(today, 1);
  const timedId = insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "test_drive",
    start: zonedInstant(tomorrow, "10:00")!,
  });
  const allDayId = insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "offer_presentation",
    allDay: { date: tomorrow, midnight: startOfLocalDay(tomorrow) },
  });
  const dstId = insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "negotiation",
    start: zonedInstant("2026-03-29", "03:00")!,
  });
  const doneId = insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "phone_contact",
    start: zonedInstant("2026-03-24", "09:00")!,
    state: "done",
  });
  db.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  const calendar = new CalendarPage(page);
  await calendar.goto(`?tydzien=${tomorrow}`);
  const timed = calendar.gridCell(tomorrow, "10:00").locator(`a[data-task-id="${timedId}"]`);
  await expect(timed.textContent()).resolves.toContain("Jazda próbna — Tomasz Terminowy");
  await expect(timed.getAttribute("href")).resolves.toBe(`/procesy/${processId}`);
  await expect(
    calendar.gridCell(tomorrow, "all").locator(`a[data-task-id="${allDayId}"]`).textContent(),
  ).resolves.toContain("Przedstawienie oferty");

  await calendar.goto("?tydzien=2026-03-26");
  await expect(
    page
      .getByRole("columnheader", { name: /Poniedziałek/ })
      .first()
      .textContent(),
  ).resolves.toContain("23 mar");
  await expect(calendar.gridCell("2026-03-29", "03:00").locator(`a[data-task-id="${dstId}"]`).count()).resolves.toBe(1);
  const done = calendar.gridCell("2026-03-24", "09:00").locator(`a[data-task-id="${doneId}"]`);
  await expect(done.getAttribute("class")).resolves.toContain("done");

  await page.getByRole("link", { name: /Następny tydzień/ }).click();
  await page.waitForURL("**/kalendarz?tydzien=2026-03-30");
  await context.close();

  const phone = await newContext(browser, { mobile: true });
  const phonePage = await phone.newPage();
  await new LoginPage(phonePage).signInAs(seller.email, seller.password);
  const phoneCalendar = new CalendarPage(phonePage);
  await phoneCalendar.goto(`?tydzien=${tomorrow}`);
  await expect(phonePage.locator("table.cal-grid").isVisible()).resolves.toBe(false);
  await expect(phoneCalendar.listDay(tomorrow).locator(`a[data-task-id="${timedId}"]`).isVisible()).resolves.toBe(true);
  const width = await phonePage.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phone.close();

  // A manager picks the salesperson's calendar.
  const managerContext = await newContext(browser);
  const managerPage = await managerContext.newPage();
  await new LoginPage(managerPage).signInAs(ADMIN.email, ADMIN.password);
  const managerCalendar = new CalendarPage(managerPage);
  await managerCalendar.goto("?tydzien=2026-03-26");
  await expect(
    managerCalendar.gridCell("2026-03-29", "03:00").locator(`a[data-task-id="${dstId}"]`).count(),
  ).resolves.toBe(0);
  await managerCalendar.pickUser("Kasia Kalendarzowa");
  await expect(
    managerCalendar.gridCell("2026-03-29", "03:00").locator(`a[data-task-id="${dstId}"]`).textContent(),
  ).resolves.toContain("Kasia Kalendarzowa");
  await managerCalendar.pickUser("Wszyscy");
  await expect(
    managerCalendar.gridCell("2026-03-29", "03:00").locator(`a[data-task-id="${dstId}"]`).count(),
  ).resolves.toBe(1);
  await managerContext.close();
});

test("a user creates, uses and revokes the private calendar feed", async () => {
  const db = openServerDb();
  const seller = insertUser(db, "salesperson", "Filip Feedowy");
  const processId = insertProcess(db, seller.id, { firstName: "Beata", lastName: "Subskrybentka" });
  insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "contract_signing",
    start: zonedInstant(addDays(localDate(), 2), "12:00")!,
  });
  db.close();

  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  const calendar = new CalendarPage(page);
  await calendar.goto();
  await calendar.createFeed();
  const url = await calendar.feedUrlInput().inputValue();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
  const feedPath = new URL(url).pathname;

  const response = await fetch(`${baseURL()}${feedPath}`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
  const body = await response.text();
  expect(body).toContain("SUMMARY:Podpisanie umowy — Beata Subskrybentka");
  expect(body).toContain("DTSTART;TZID=Europe/Warsaw:");

  // After a reload the address is not shown again (only its hash is stored), but the feed is active.
  await calendar.goto();
  await expect(calendar.feedUrlInput().count()).resolves.toBe(0);
  await calendar.revokeFeed();
  expect((await fetch(`${baseURL()}${feedPath}`)).status).toBe(404);
  await context.close();

  // With JavaScript: a new address, copied with the button; creating another replaces it.
  const jsContext = await newContext(browser);
  const jsPage = await jsContext.newPage();
  await new LoginPage(jsPage).signInAs(seller.email, seller.password);
  const jsCalendar = new CalendarPage(jsPage);
  await jsCalendar.goto();
  await jsCalendar.createFeed();
  const first = new URL(await jsCalendar.feedUrlInput().inputValue()).pathname;
  await jsPage.getByRole("button", { name: "Kopiuj" }).click();
  await jsPage.getByRole("button", { name: "Skopiowano" }).waitFor();
  await jsPage.getByRole("button", { name: /Utwórz nowy adres/ }).click();
  await jsPage.waitForFunction(
    (old) => !(document.getElementById("feed-url") as HTMLInputElement | null)?.value.endsWith(old),
    first,
  );
  const second = new URL(await jsCalendar.feedUrlInput().inputValue()).pathname;
  expect(second).not.toBe(first);
  expect((await fetch(`${baseURL()}${first}`)).status).toBe(404);
  expect((await fetch(`${baseURL()}${second}`)).status).toBe(200);
  await jsContext.close();
});

test("the server itself reminds the assignee shortly before a task, once", async () => {
  const db = openServerDb();
  const seller = insertUser(db, "salesperson", "Rafał Przypominany");
  const processId = insertProcess(db, seller.id, { firstName: "Zenon", lastName: "Zaraz" });
  const taskId = insertTask(db, {
    processId,
    assigneeId: seller.id,
    goal: "phone_contact",
    start: new Date(Date.now() + 5 * 60_000),
  });
  db.prepare("UPDATE tasks SET remind_about = ? WHERE id = ?").run("cennik zimowy", taskId);
  // The server polls every second in the e2e run (REMINDER_POLL_MS); wait for its pass, not for a fixed time.
  const reminders = () =>
    db.prepare("SELECT message FROM notifications WHERE task_id = ? AND kind = 'reminder'").all(taskId) as {
      message: string;
    }[];
  for (let i = 0; i < 300 && reminders().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(reminders()).toHaveLength(1);
  expect(reminders()[0].message).toContain("Przypomnij o: cennik zimowy");
  db.close();

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  await expect(badge(new AppShell(page)).textContent()).resolves.toBe("1");
  const notifications = new NotificationsPage(page);
  await notifications.goto();
  await expect(
    notifications.item("Kontakt telefoniczny — Zenon Zaraz").getByText("Przypomnienie", { exact: true }).isVisible(),
  ).resolves.toBe(true);
  await context.close();
  // Several more passes have run since (one a second): still exactly one.
  const again = openServerDb();
  expect(again.prepare("SELECT count(*) AS n FROM notifications WHERE task_id = ?").get(taskId)).toEqual({ n: 1 });
  again.close();
});

test("without JavaScript 'Otwórz' on a notification that is gone meanwhile answers with the list, instead of hanging", async () => {
  const db = openServerDb();
  const owner = insertUser(db, "salesperson", "Nina Niecierpliwa");
  const processId = insertProcess(db, owner.id, { firstName: "Edward", lastName: "Znikający" });
  const gone = insertNotification(db, { userId: owner.id, processId, message: "Powiadomienie, które zniknie" });
  insertNotification(db, { userId: owner.id, processId, message: "Powiadomienie, które zostanie" });

  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(owner.email, owner.password);
  const notifications = new NotificationsPage(page);
  await notifications.goto();
  // Removed while the page was open: the action answers "Nie znaleziono" rather than a redirect.
  db.prepare("DELETE FROM notifications WHERE id = ?").run(gone);
  await notifications.open("Powiadomienie, które zniknie");
  await page.waitForLoadState("load");
  expect(new URL(page.url()).pathname).toBe("/powiadomienia");
  await expect(notifications.item("Powiadomienie, które zniknie").count()).resolves.toBe(0);
  await expect(notifications.unreadItems().count()).resolves.toBe(1);

  // The other one still opens, and lands on its process.
  await notifications.open("Powiadomienie, które zostanie");
  await page.waitForURL(`**/procesy/${processId}`);
  db.close();
  await context.close();
});
