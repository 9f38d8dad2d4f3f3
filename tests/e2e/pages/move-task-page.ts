import type { Page } from "playwright-core";

/** "Zmień termin" of a planned task, with "Usuń zadanie" below it. */
export class MoveTaskPage {
  constructor(readonly page: Page) {}

  goto(processId: number, taskId: number) {
    return this.page.goto(`/procesy/${processId}/zadania/${taskId}/termin`);
  }

  /** From the process panel: the task's own "Zmień termin". */
  async openFromPanel(taskId: number) {
    await this.page.locator(`li[data-task-id="${taskId}"]`).getByRole("link", { name: "Zmień termin" }).click();
    await this.page.getByRole("heading", { name: "Zmień termin", level: 1 }).waitFor();
  }

  moveForm() {
    return this.page.locator("form", { has: this.page.getByRole("button", { name: "Zapisz" }) });
  }

  dropForm() {
    return this.page.locator("form", { has: this.page.getByRole("button", { name: "Usuń zadanie" }) });
  }

  field(label: string) {
    return this.moveForm().getByLabel(new RegExp(`^${label}\\*?$`));
  }

  async move(time: { startDate?: string; startTime?: string; endDate?: string; endTime?: string }) {
    if (time.startDate !== undefined) await this.field("Data rozpoczęcia").fill(time.startDate);
    if (time.startTime !== undefined) await this.field("Godzina rozpoczęcia").fill(time.startTime);
    if (time.endDate !== undefined) await this.field("Data zakończenia").fill(time.endDate);
    if (time.endTime !== undefined) await this.field("Godzina zakończenia").fill(time.endTime);
    await this.moveForm().getByRole("button", { name: "Zapisz" }).click();
  }

  async drop() {
    await this.dropForm().getByRole("button", { name: "Usuń zadanie" }).click();
  }

  /** The error shown next to a field of the move. */
  async errorOf(label: string): Promise<string | null> {
    const id = await this.field(label).getAttribute("aria-describedby");
    if (!id) return null;
    return this.page.locator(`[id="${id.split(" ")[0]}"]`).textContent();
  }
}
