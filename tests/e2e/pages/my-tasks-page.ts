import type { Page } from "playwright-core";

export class MyTasksPage {
  constructor(readonly page: Page) {}

  goto(query = "") {
    return this.page.goto(`/zadania${query}`);
  }

  group(name: "overdue" | "today" | "upcoming") {
    return this.page.locator(`section[data-group="${name}"]`);
  }

  row(taskId: number) {
    return this.page.locator(`tr[data-task-id="${taskId}"]`);
  }

  async showFor(label: string) {
    await this.page.getByLabel("Pokaż zadania").selectOption({ label });
    await this.page.getByRole("button", { name: "Pokaż", exact: true }).click();
    await this.page.waitForLoadState("load");
  }
}
