import type { Page } from "playwright-core";

type Group = "overdue" | "today" | "upcoming";

export class MyTasksPage {
  constructor(readonly page: Page) {}

  goto(query = "") {
    return this.page.goto(`/zadania${query}`);
  }

  group(name: Group) {
    return this.page.locator(`section[data-group="${name}"]`);
  }

  row(taskId: number) {
    return this.page.locator(`tr[data-task-id="${taskId}"]`);
  }

  /** The ids of the tasks a group shows, in order. */
  async taskIds(name: Group): Promise<number[]> {
    const ids = await this.group(name)
      .locator("tr[data-task-id]")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-task-id")));
    return ids.map(Number);
  }

  /** A group's "Poprzednie" or "Następne" link. */
  pageLink(name: Group, label: "Poprzednie" | "Następne") {
    return this.group(name)
      .getByRole("navigation")
      .getByRole("link", { name: new RegExp(label) });
  }

  async turnPage(name: Group, label: "Poprzednie" | "Następne") {
    const href = (await this.pageLink(name, label).getAttribute("href"))!;
    await Promise.all([
      this.page.waitForURL((url) => url.pathname + url.search === href.split("#")[0]),
      this.pageLink(name, label).click(),
    ]);
    await this.page.waitForLoadState("load");
  }

  /** Turns a group's pages until the task shows (everyone's tasks may fill many pages); whether it did. */
  async findTask(name: Group, taskId: number): Promise<boolean> {
    for (;;) {
      if ((await this.group(name).locator(`tr[data-task-id="${taskId}"]`).count()) > 0) return true;
      if ((await this.pageLink(name, "Następne").count()) === 0) return false;
      await this.turnPage(name, "Następne");
    }
  }

  async showFor(label: string) {
    await this.page.getByLabel("Pokaż zadania").selectOption({ label });
    await this.page.getByRole("button", { name: "Pokaż", exact: true }).click();
    await this.page.waitForLoadState("load");
  }
}
