import { newContext, useBrowser } from "./support/chromium";
import { useServerDb } from "./support/db-fixtures";
import {
  insertPlannedTask,
  insertProcess,
  insertSalesperson,
  notesOf,
  processStatus,
  tasksOf,
} from "./support/tasks-fixtures";
import { LoginPage } from "./pages/login-page";
import { ProcessPanelPage } from "./pages/process-panel-page";
import { TaskFormPage } from "./pages/task-form-page";

// The obligation to plan the next contact ends with the sales work, in both forms: on a process that is
// Wydany or w opiece (rezygnacja) "Nie planuj kolejnych zadań" saves the note alone; on an open process the
// option is not there and the next task stays required. Both forms × open and ended × with and without
// JavaScript.

const browser = useBrowser();
const db = useServerDb();

type FormKind = "Planowanie zadań" | "Wykonanie zadania";

/** A salesperson with a process in `status` (and, for the execution, a planned task of it), on the form. */
async function onTheForm(kind: FormKind, status: string, javaScriptEnabled: boolean) {
  const seller = insertSalesperson(db(), "Sylwia Serwisowa");
  const process = insertProcess(db(), seller.id, status);
  const taskId =
    kind === "Wykonanie zadania"
      ? insertPlannedTask(db(), process.id, seller.id, { startAt: new Date("2026-12-01T09:00:00Z") })
      : null;
  const context = await newContext(browser(), { javaScriptEnabled });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(seller.email, seller.password);
  const form = new TaskFormPage(page);
  if (taskId) await form.gotoExecution(process.id, taskId);
  else await form.gotoPlanning(process.id);
  await page.getByRole("heading", { name: kind }).waitFor();
  return { process, taskId, context, page, form };
}

const note = (content: string) => ({ initiative: "Klient" as const, noteType: "Telefon", content });

const CASES: [FormKind, string, boolean][] = [
  ["Planowanie zadań", "delivered", true],
  ["Planowanie zadań", "resigned", false],
  ["Wykonanie zadania", "resigned", true],
  ["Wykonanie zadania", "delivered", false],
];

test.each(CASES)(
  "%s on a process that is %s: 'Nie planuj kolejnych zadań' saves the note alone (JavaScript: %s)",
  async (kind, status, javaScriptEnabled) => {
    const { process, taskId, context, page, form } = await onTheForm(kind, status, javaScriptEnabled);
    await form.fillNote(note("Telefon posprzedażowy: klient zadowolony z auta."));
    await form.skipNextTask().check();
    if (javaScriptEnabled) {
      // The task part goes at once, "Cały dzień" with it.
      for (const label of ["Cel aktywności", "Data rozpoczęcia", "Godzina rozpoczęcia", "Cały dzień", "Dodaj plik"])
        await expect(form.field(label).isVisible()).resolves.toBe(false);
    } else {
      // Without JavaScript the task part stays on screen; what is typed there is ignored.
      await form.fillTask({ goal: "Jazda próbna", startDate: "2026-12-10", allDay: true });
    }
    await form.saveAndReturn(process.id);

    await expect(new ProcessPanelPage(page).history().first().textContent()).resolves.toContain(
      "Telefon posprzedażowy: klient zadowolony z auta.",
    );
    expect(notesOf(db(), process.id).map((n) => [n.content, n.task_id])).toEqual([
      ["Telefon posprzedażowy: klient zadowolony z auta.", taskId],
    ]);
    // No new task: the executed one is done, and that is all.
    expect(tasksOf(db(), process.id).map((task) => [task.id, task.state])).toEqual(taskId ? [[taskId, "done"]] : []);
    expect(processStatus(db(), process.id)).toBe(status);
    await context.close();
  },
);

test.each([
  ["Planowanie zadań", true],
  ["Planowanie zadań", false],
  ["Wykonanie zadania", true],
  ["Wykonanie zadania", false],
] as [FormKind, boolean][])(
  "%s on an open process never offers 'Nie planuj kolejnych zadań' and still asks for the next task (JavaScript: %s)",
  async (kind, javaScriptEnabled) => {
    const { process, taskId, context, form } = await onTheForm(kind, "order", javaScriptEnabled);
    await expect(form.skipNextTask().count()).resolves.toBe(0);
    await form.fillNote(note("Klient czeka na termin odbioru."));
    await form.save();
    await form.message().waitFor();
    expect(await form.errorOf("Cel aktywności")).toBe("To pole jest wymagane.");
    await expect(form.field("Treść notatki").inputValue()).resolves.toBe("Klient czeka na termin odbioru.");
    expect(notesOf(db(), process.id)).toEqual([]);
    expect(tasksOf(db(), process.id).map((task) => [task.id, task.state])).toEqual(taskId ? [[taskId, "planned"]] : []);
    await context.close();
  },
);

test("a process moved back to an open status while the form was open: the note alone is refused, the text stays", async () => {
  const { process, context, form } = await onTheForm("Planowanie zadań", "delivered", true);
  await form.fillNote(note("Klient jednak chce drugie auto."));
  await form.skipNextTask().check();
  // Meanwhile the manager reopens the process.
  db().prepare("update processes set status = 'offer' where id = ?").run(process.id);
  await form.save();
  await form.message().waitFor();
  expect(await form.message().textContent()).toContain("Proces jest otwarty: zaplanuj kolejny kontakt z klientem.");
  await expect(form.field("Treść notatki").inputValue()).resolves.toBe("Klient jednak chce drugie auto.");
  expect(notesOf(db(), process.id)).toEqual([]);
  await context.close();
});
