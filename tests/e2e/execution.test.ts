import type Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { formatDateTime } from "@/lib/time";
import { ADMIN, launchBrowser, newContext } from "./support/chromium";
import {
  insertPlannedTask,
  insertProcess,
  insertSalesperson,
  notesOf,
  processStatus,
  serverDb,
  tasksOf,
  userId,
} from "./support/tasks-fixtures";
import { LoginPage } from "./pages/login-page";
import { MyTasksPage } from "./pages/my-tasks-page";
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

const note = (content: string) => ({ initiative: "Salon" as const, noteType: "Telefon", content });
const next = (startDate: string) => ({ goal: "Kontakt telefoniczny", startDate, startTime: "10:00" });

async function walkToDelivered(javaScriptEnabled: boolean) {
  const process = insertProcess(db, userId(db, ADMIN.email));
  const context = await newContext(browser, { javaScriptEnabled });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);

  await form.gotoPlanning(process.id);
  await form.fillNote(note("Pierwszy kontakt: klient pyta o hybrydę."));
  await form.fillTask(next("2026-12-01"));
  await form.saveAndReturn(process.id);
  expect(processStatus(db, process.id)).toBe("in_progress");

  // Two executions from the panel's "Wykonaj", each planning the next contact; an open process does not offer to stop.
  const panel = new ProcessPanelPage(page);
  for (const [i, date] of [
    [1, "2026-12-02"],
    [2, "2026-12-03"],
  ] as const) {
    const planned = tasksOf(db, process.id).filter((task) => task.state === "planned");
    expect(planned).toHaveLength(1);
    await panel.tasks().getByRole("link", { name: "Wykonaj" }).click();
    await page.waitForURL((url) => url.pathname === `/procesy/${process.id}/zadania/${planned[0].id}/wykonaj`);
    await page.getByRole("heading", { name: "Wykonanie zadania" }).waitFor();
    await expect(page.getByText("Kontakt telefoniczny").first().isVisible()).resolves.toBe(true);
    await expect(form.skipNextTask().count()).resolves.toBe(0);
    await form.fillNote(note(`Wykonane zadanie ${i}.`));
    await form.fillTask(next(date));
    await form.saveAndReturn(process.id);
    await expect(panel.history().first().textContent()).resolves.toContain(`Wykonane zadanie ${i}.`);
  }

  await panel.changeStatus("Wydany");
  let last = tasksOf(db, process.id).find((task) => task.state === "planned")!;
  await form.gotoExecution(process.id, last.id);
  await expect(form.skipNextTask().count()).resolves.toBe(1);
  // Moving the process back to an open status takes the option away again.
  await page.goto(`/procesy/${process.id}`);
  await panel.changeStatus("Zamówienie");
  await form.gotoExecution(process.id, last.id);
  await expect(form.skipNextTask().count()).resolves.toBe(0);
  await page.goto(`/procesy/${process.id}`);
  await panel.changeStatus("Wydany");
  await form.gotoExecution(process.id, last.id);

  await form.fillNote(note("Samochód wydany, klient zadowolony."));
  await form.skipNextTask().check();
  if (javaScriptEnabled) await expect(form.field("Cel aktywności").isVisible()).resolves.toBe(false);
  await form.saveAndReturn(process.id);

  const tasks = tasksOf(db, process.id);
  expect(tasks.map((task) => task.state)).toEqual(["done", "done", "done"]);
  const notes = notesOf(db, process.id);
  expect(notes.map((n) => n.content)).toEqual([
    "Pierwszy kontakt: klient pyta o hybrydę.",
    "Wykonane zadanie 1.",
    "Wykonane zadanie 2.",
    "Samochód wydany, klient zadowolony.",
  ]);
  expect(notes.map((n) => n.task_id)).toEqual([null, tasks[0].id, tasks[1].id, tasks[2].id]);
  last = tasks[2];
  expect(last.done_by_id).toBe(userId(db, ADMIN.email));
  await context.close();
}

test("a process walks from Nowy through two executed tasks to Wydany and a last execution without a next task", async () => {
  await walkToDelivered(true);
});

test("the same walk works with JavaScript disabled", async () => {
  await walkToDelivered(false);
});

test("an open process needs the next task: ticking nothing and leaving the task empty is refused", async () => {
  const process = insertProcess(db, userId(db, ADMIN.email), "offer");
  const taskId = insertPlannedTask(db, process.id, userId(db, ADMIN.email), {
    startAt: new Date("2026-12-01T09:00:00Z"),
  });
  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(ADMIN.email, ADMIN.password);
  const form = new TaskFormPage(page);
  await form.gotoExecution(process.id, taskId);
  await form.fillNote(note("Zrobione."));
  await form.save();
  await form.message().waitFor();
  expect(await form.errorOf("Cel aktywności")).toBe("To pole jest wymagane.");
  expect(tasksOf(db, process.id)[0].state).toBe("planned");
  await context.close();
});

test("a task executed in another tab: the second save is refused with a clear message and the text stays", async () => {
  const process = insertProcess(db, userId(db, ADMIN.email), "in_progress");
  const taskId = insertPlannedTask(db, process.id, userId(db, ADMIN.email), {
    startAt: new Date("2026-12-01T09:00:00Z"),
  });
  const context = await newContext(browser);
  const [first, second] = [await context.newPage(), await context.newPage()];
  await new LoginPage(first).signInAs(ADMIN.email, ADMIN.password);
  const [a, b] = [new TaskFormPage(first), new TaskFormPage(second)];
  await a.gotoExecution(process.id, taskId);
  await b.gotoExecution(process.id, taskId);
  for (const [form, text] of [
    [a, "Notatka z pierwszej karty."],
    [b, "Notatka z drugiej karty."],
  ] as const) {
    await form.fillNote(note(text));
    await form.fillTask(next("2026-12-04"));
  }
  await a.saveAndReturn(process.id);
  await b.save();
  await b.message().waitFor();
  expect(await b.message().textContent()).toContain("To zadanie zostało już wykonane");
  await expect(b.field("Treść notatki").inputValue()).resolves.toBe("Notatka z drugiej karty.");
  expect(notesOf(db, process.id).map((n) => n.content)).toEqual(["Notatka z pierwszej karty."]);
  expect(tasksOf(db, process.id).map((task) => task.state)).toEqual(["done", "planned"]);
  await context.close();
});

test("'Wykonaj' on a task that is already done says who did it and when, with the way back, instead of the form", async () => {
  const seller = insertSalesperson(db, "Wiktor Wykonawca");
  const process = insertProcess(db, seller.id, "in_progress");
  const taskId = insertPlannedTask(db, process.id, seller.id, { startAt: new Date("2026-12-01T09:00:00Z") });
  const context = await newContext(browser);
  const [first, second] = [await context.newPage(), await context.newPage()];
  await new LoginPage(first).signInAs(seller.email, seller.password);
  const form = new TaskFormPage(first);
  await form.gotoExecution(process.id, taskId);
  await form.fillNote(note("Klient potwierdził jazdę próbną."));
  await form.fillTask(next("2026-12-04"));
  await form.saveAndReturn(process.id);

  // Later (another tab, an old link): the task is done, so there is nothing to fill in.
  const later = new TaskFormPage(second);
  await later.gotoExecution(process.id, taskId);
  await second.getByRole("heading", { name: "Wykonanie zadania" }).waitFor();
  await expect(second.getByRole("heading", { name: "To zadanie jest już wykonane." }).isVisible()).resolves.toBe(true);
  const doneAt = (db.prepare("select done_at from tasks where id = ?").get(taskId) as { done_at: number }).done_at;
  await expect(second.getByTestId("task-done-by").textContent()).resolves.toBe(
    `Wykonał(a): Wiktor Wykonawca, ${formatDateTime(doneAt)}`,
  );
  await expect(later.form().count()).resolves.toBe(0);
  await expect(second.getByRole("button", { name: "Zapisz" }).count()).resolves.toBe(0);
  await Promise.all([
    second.waitForURL((url) => url.pathname === `/procesy/${process.id}`),
    second
      .getByRole("region", { name: "To zadanie jest już wykonane." })
      .getByRole("link", { name: "Wróć do procesu" })
      .click(),
  ]);
  await context.close();
});

test("Moje zadania groups the user's tasks into overdue, today and upcoming; a manager switches to a salesperson", async () => {
  const seller = insertSalesperson(db, "Sebastian Sprzedawca");
  const process = insertProcess(db, seller.id, "in_progress");
  const now = Date.now();
  const overdue = insertPlannedTask(db, process.id, seller.id, {
    startAt: new Date(now - 26 * 3_600_000),
    remindAbout: "oddzwonić",
  });
  const today = insertPlannedTask(db, process.id, seller.id, {
    allDayDate: new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Warsaw" }).format(now),
    dueAt: new Date(now - 60_000),
    goal: "negotiation",
  });
  const upcoming = insertPlannedTask(db, process.id, seller.id, {
    startAt: new Date(now + 3 * 86_400_000),
    goal: "test_drive",
  });

  const context = await newContext(browser);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  const tasks = new MyTasksPage(page);
  await tasks.goto();
  await expect(tasks.group("overdue").locator(`tr[data-task-id="${overdue}"]`).textContent()).resolves.toContain(
    "oddzwonić",
  );
  await expect(tasks.group("today").locator(`tr[data-task-id="${today}"]`).textContent()).resolves.toContain(
    "Negocjacje",
  );
  await expect(tasks.group("upcoming").locator(`tr[data-task-id="${upcoming}"]`).textContent()).resolves.toContain(
    "Jazda próbna",
  );
  await expect(tasks.row(today).textContent()).resolves.toContain("Toyota Corolla");
  // A salesperson cannot look at someone else's tasks.
  await expect(page.getByLabel("Pokaż zadania").count()).resolves.toBe(0);
  await tasks.row(upcoming).getByRole("link", { name: "Wykonaj" }).click();
  await page.getByRole("heading", { name: "Wykonanie zadania" }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/procesy/${process.id}/zadania/${upcoming}/wykonaj`);

  const managerContext = await newContext(browser);
  const managerPage = await managerContext.newPage();
  await new LoginPage(managerPage).signInAs(ADMIN.email, ADMIN.password);
  const managerTasks = new MyTasksPage(managerPage);
  await managerTasks.goto();
  await expect(managerTasks.row(overdue).count()).resolves.toBe(0);
  await managerTasks.showFor("Sebastian Sprzedawca");
  await expect(managerTasks.row(overdue).count()).resolves.toBe(1);
  await managerTasks.goto("?uzytkownik=all");
  // Everyone's tasks: other tests' tasks may come first, so the group is paged through.
  await expect(managerTasks.findTask("upcoming", upcoming)).resolves.toBe(true);
  await context.close();
  await managerContext.close();
});
