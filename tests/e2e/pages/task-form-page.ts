import type { Page } from "playwright-core";

export type NoteInput = { initiative?: "Klient" | "Salon"; noteType?: string; content?: string; notifyOwner?: boolean };
export type TaskInput = {
  goal?: string;
  remindAbout?: string;
  startDate?: string;
  startTime?: string;
  allDay?: boolean;
  endDate?: string;
  endTime?: string;
};

/** "Planowanie zadań" and "Wykonanie zadania": the same note + task form. */
export class TaskFormPage {
  constructor(readonly page: Page) {}

  gotoPlanning(processId: number) {
    return this.page.goto(`/procesy/${processId}/planowanie`);
  }

  gotoExecution(processId: number, taskId: number) {
    return this.page.goto(`/procesy/${processId}/zadania/${taskId}/wykonaj`);
  }

  form() {
    return this.page.locator("form.task-form");
  }

  /** A control by its label; required fields' labels end with an asterisk. */
  field(label: string) {
    return this.form().getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\*?$`));
  }

  async fillNote(note: NoteInput) {
    if (note.initiative) await this.field("Inicjatywa").selectOption({ label: note.initiative });
    if (note.noteType) await this.field("Rodzaj notatki").selectOption({ label: note.noteType });
    if (note.notifyOwner) await this.field("Powiadom właściciela procesu").check();
    if (note.content !== undefined) await this.field("Treść notatki").fill(note.content);
  }

  async fillTask(task: TaskInput) {
    if (task.goal) await this.field("Cel aktywności").selectOption({ label: task.goal });
    if (task.remindAbout !== undefined) await this.field("Przypomnij o").fill(task.remindAbout);
    if (task.startDate !== undefined) await this.field("Data rozpoczęcia").fill(task.startDate);
    if (task.startTime !== undefined) await this.field("Godzina rozpoczęcia").fill(task.startTime);
    if (task.endDate !== undefined) await this.field("Data zakończenia").fill(task.endDate);
    if (task.endTime !== undefined) await this.field("Godzina zakończenia").fill(task.endTime);
    if (task.allDay) await this.field("Cały dzień").check();
  }

  /** Uploads files through "Dodaj plik" and waits until each is listed. */
  async attach(files: { name: string; mimeType: string; buffer: Buffer }[]) {
    await this.field("Dodaj plik").setInputFiles(files);
    for (const file of files) await this.attachedFile(file.name).waitFor();
  }

  attachedFile(name: string) {
    return this.form().getByRole("list", { name: "Dołączone pliki" }).getByText(name, { exact: true });
  }

  skipNextTask() {
    return this.form().getByLabel("Nie planuj kolejnych zadań");
  }

  async save() {
    await this.form().getByRole("button", { name: "Zapisz" }).click();
  }

  /** Saves and waits for the redirect to the process panel. */
  async saveAndReturn(processId: number) {
    await this.save();
    await this.page.waitForURL((url) => url.pathname === `/procesy/${processId}`);
  }

  message() {
    return this.form().getByRole("alert").filter({ hasText: /\S/ }).first();
  }

  /** The error shown next to a field. */
  async errorOf(label: string): Promise<string | null> {
    const id = await this.field(label).getAttribute("aria-describedby");
    if (!id) return null;
    return this.page.locator(`[id="${id.split(" ")[0]}"]`).textContent();
  }
}
