import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { ADMIN, launchBrowser, newContext } from "./support/chromium";
import {
  filesOf,
  insertProcess,
  insertSalesperson,
  notesOf,
  processStatus,
  serverDb,
  tasksOf,
  userId,
} from "./support/tasks-fixtures";
import { LoginPage } from "./pages/login-page";
import { ProcessPanelPage } from "./pages/process-panel-page";
import { TaskFormPage } from "./pages/task-form-page";

let browser: Browser;
let db: Database.Database;
beforeAll(async () => {
  browser = await launchBrowser();
  db = serverDb();
});
afterAll(async () => {
  db.close();
  await browser.close();
});

const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from("%PDF-1.4\nOferta dla klienta\n%%EOF\n"),
});

test("the whole form with a file saves the note and the task; the file downloads with its Polish name, only for those who may see it", async () => {
  const seller = insertSalesperson(db);
  const process = insertProcess(db, seller.id);
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  await form.gotoPlanning(process.id);
  await page.getByRole("heading", { name: "Planowanie zadań" }).waitFor();
  await expect(page.getByText(process.customer).isVisible()).resolves.toBe(true);

  await form.fillNote({
    initiative: "Klient",
    noteType: "Spotkanie w salonie",
    notifyOwner: true,
    content: "Klient obejrzał Corollę, chce jazdę próbną w sobotę.",
  });
  await form.fillTask({
    goal: "Jazda próbna",
    remindAbout: "przygotować auto demo",
    startDate: "2026-12-05",
    startTime: "10:00",
    endDate: "2026-12-05",
    endTime: "11:00",
  });
  await form.attach([pdf("Oferta łódź – Żółć.pdf")]);
  await form.saveAndReturn(process.id);

  // Back on the panel: the note tops "Historia pracy", the task with its file is among the process's tasks.
  const panel = new ProcessPanelPage(page);
  await expect(panel.history().first().textContent()).resolves.toContain(
    "Klient obejrzał Corollę, chce jazdę próbną w sobotę.",
  );
  await expect(panel.history().first().textContent()).resolves.toContain("Spotkanie w salonie");
  const tasksText = await panel.tasks().textContent();
  for (const expected of ["Jazda próbna", "przygotować auto demo", "Oferta łódź – Żółć.pdf", "Wykonaj"])
    expect(tasksText).toContain(expected);
  await expect(panel.status().textContent()).resolves.toContain("W trakcie");

  const [note] = notesOf(db, process.id);
  expect(note).toMatchObject({
    initiative: "customer",
    type: "showroom_meeting",
    notify_owner: 1,
    content: "Klient obejrzał Corollę, chce jazdę próbną w sobotę.",
  });
  const [task] = tasksOf(db, process.id);
  expect(task).toMatchObject({
    goal: "test_drive",
    state: "planned",
    remind_about: "przygotować auto demo",
    all_day: 0,
  });
  expect(new Date(task.start_at!).toISOString()).toBe("2026-12-05T09:00:00.000Z");
  expect(new Date(task.end_at!).toISOString()).toBe("2026-12-05T10:00:00.000Z");
  expect(processStatus(db, process.id)).toBe("in_progress");
  const notified = db.prepare("select kind from notifications where user_id = ? order by kind").all(seller.id) as {
    kind: string;
  }[];
  expect(notified.map((n) => n.kind)).toEqual(["note", "task_planned"]);

  const [file] = filesOf(db, task.id);
  expect(file).toMatchObject({ original_name: "Oferta łódź – Żółć.pdf", mime_type: "application/pdf" });
  const download = await page.request.get(`/api/files/${file.id}`);
  expect(download.status()).toBe(200);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(download.headers()["content-disposition"]).toContain("attachment;");
  expect(download.headers()["content-disposition"]).toContain(
    `filename*=UTF-8''${encodeURIComponent("Oferta łódź – Żółć.pdf")}`,
  );
  expect((await download.body()).toString()).toContain("Oferta dla klienta");

  // The owner may download it; another salesperson gets "not found".
  const stranger = insertSalesperson(db, "Olga Obca");
  for (const [who, status] of [
    [seller, 200],
    [stranger, 404],
  ] as const) {
    const other = await newContext(browser);
    const otherPage = await other.newPage();
    await new LoginPage(otherPage).signInAs(who.email, who.password);
    expect((await otherPage.request.get(`/api/files/${file.id}`)).status()).toBe(status);
    expect((await otherPage.goto(`/procesy/${process.id}/planowanie`))?.status()).toBe(status);
    await other.close();
  }
  await context.close();
});

test("'Historia pracy' tells which notes notified the owner ('Powiadomiono opiekuna') and which did not", async () => {
  const seller = insertSalesperson(db, "Ola Opiekunka");
  const process = insertProcess(db, seller.id, "in_progress");
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  for (const [content, notifyOwner] of [
    ["Klient pyta o rabat: opiekun musi wiedzieć.", true],
    ["Drobna notatka bez powiadomienia.", false],
  ] as const) {
    await form.gotoPlanning(process.id);
    await form.fillNote({ initiative: "Klient", noteType: "Telefon", content, notifyOwner });
    await form.fillTask({ goal: "Kontakt telefoniczny", startDate: "2026-12-14", startTime: "09:00" });
    await form.saveAndReturn(process.id);
  }
  const history = new ProcessPanelPage(page).history();
  const entry = (text: string) => history.filter({ hasText: text });
  await expect(entry("Klient pyta o rabat").textContent()).resolves.toContain("Powiadomiono opiekuna");
  await expect(entry("Drobna notatka").textContent()).resolves.not.toContain("Powiadomiono opiekuna");
  await context.close();
});

test("validation errors show next to their fields in Polish, and what was typed (and uploaded) stays", async () => {
  const process = insertProcess(db, userId(db, ADMIN.email));
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  await form.gotoPlanning(process.id);
  await form.fillNote({ initiative: "Salon", content: "Telefon do klienta, nie odebrał." });
  // 02:30 on the day clocks go forward does not exist in Warsaw.
  await form.fillTask({ startDate: "2026-03-29", startTime: "02:30", remindAbout: "zadzwonić ponownie" });
  await form.attach([pdf("Cennik.pdf")]);
  await form.save();
  await form.message().waitFor();
  expect(await form.message().textContent()).toBe("Popraw zaznaczone pola.");
  expect(await form.errorOf("Rodzaj notatki")).toBe("To pole jest wymagane.");
  expect(await form.errorOf("Cel aktywności")).toBe("To pole jest wymagane.");
  expect(await form.errorOf("Godzina rozpoczęcia")).toContain("Ta godzina nie istnieje");
  await expect(form.field("Treść notatki").inputValue()).resolves.toBe("Telefon do klienta, nie odebrał.");
  await expect(form.field("Przypomnij o").inputValue()).resolves.toBe("zadzwonić ponownie");
  await expect(form.attachedFile("Cennik.pdf").isVisible()).resolves.toBe(true);

  // An end before the start.
  await form.fillNote({ noteType: "Telefon" });
  await form.fillTask({
    goal: "Kontakt telefoniczny",
    startDate: "2026-12-07",
    startTime: "12:00",
    endDate: "2026-12-07",
    endTime: "11:00",
  });
  await form.save();
  await page.getByText("Zakończenie nie może być wcześniejsze niż rozpoczęcie.").waitFor();
  expect(notesOf(db, process.id)).toHaveLength(0);

  await form.fillTask({ endTime: "12:45" });
  await form.saveAndReturn(process.id);
  const [task] = tasksOf(db, process.id);
  expect(filesOf(db, task.id).map((file) => file.original_name)).toEqual(["Cennik.pdf"]);
  await context.close();
});

test("'Cały dzień' hides the time fields at once and saves an all-day task", async () => {
  const process = insertProcess(db, userId(db, ADMIN.email));
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  await form.gotoPlanning(process.id);
  await form.fillNote({ initiative: "Klient", noteType: "E-mail", content: "Klient prosi o ofertę mailem." });
  await form.fillTask({ goal: "Przedstawienie oferty", startDate: "2026-12-09", endTime: "09:00" });
  await form.field("Cały dzień").check();
  for (const label of ["Godzina rozpoczęcia", "Data zakończenia", "Godzina zakończenia"])
    await expect(form.field(label).isVisible()).resolves.toBe(false);
  await form.field("Cały dzień").uncheck();
  await expect(form.field("Godzina zakończenia").inputValue()).resolves.toBe("09:00");
  await form.field("Cały dzień").check();
  await form.saveAndReturn(process.id);
  const [task] = tasksOf(db, process.id);
  expect(task).toMatchObject({ all_day: 1, due_date: "2026-12-09", start_at: null, end_at: null });
  await context.close();
});

test("without JavaScript the form saves, an all-day task ignores its time fields, and attaching files says it needs JavaScript", async () => {
  const process = insertProcess(db, userId(db, ADMIN.email));
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  await form.gotoPlanning(process.id);
  // Chromium with scripting disabled by the test still parses <noscript> as text: read the markup.
  await expect(page.locator("noscript").first().innerHTML()).resolves.toContain(
    "Dołączanie plików wymaga włączonego JavaScriptu.",
  );

  // A validation error first: the page comes back with the box ticked and the text kept.
  await form.fillNote({ initiative: "Salon", noteType: "SMS", content: "Wysłany SMS z przypomnieniem." });
  await form.fillTask({
    startDate: "2026-12-10",
    allDay: true,
    startTime: "02:30",
    endDate: "2026-12-01",
    endTime: "01:00",
  });
  await form.save();
  await page.waitForLoadState("load");
  await page.getByText("Popraw zaznaczone pola.").waitFor();
  await expect(form.field("Cały dzień").isChecked()).resolves.toBe(true);
  await expect(form.field("Godzina rozpoczęcia").isVisible()).resolves.toBe(false);
  await expect(form.field("Treść notatki").inputValue()).resolves.toBe("Wysłany SMS z przypomnieniem.");

  await form.fillTask({ goal: "Kontakt telefoniczny" });
  await form.saveAndReturn(process.id);
  const [task] = tasksOf(db, process.id);
  expect(task).toMatchObject({ all_day: 1, due_date: "2026-12-10", start_at: null });
  expect(processStatus(db, process.id)).toBe("in_progress");
  await context.close();
});

test("a file over the limit is refused with a Polish message and leaves nothing on disk", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const uploads = path.join(process.env.E2E_DATA_DIR!, "uploads");
  const before = fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0;
  const response = await page.request.post("/api/upload", {
    multipart: { file: { name: "film.mp4", mimeType: "video/mp4", buffer: Buffer.alloc(26 * 1024 * 1024, 1) } },
  });
  expect(response.status()).toBe(413);
  expect((await response.json()).error).toContain("Plik jest za duży");
  expect(fs.existsSync(uploads) ? fs.readdirSync(uploads).length : 0).toBe(before);
  await context.close();
});
