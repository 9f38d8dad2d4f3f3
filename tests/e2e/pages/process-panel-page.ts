import type { Page } from "playwright-core";

/** The process panel: header, status and owner forms, tasks, history. */
export class ProcessPanelPage {
  constructor(readonly page: Page) {}

  id(): number {
    return Number(new URL(this.page.url()).pathname.split("/").pop());
  }

  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  status() {
    return this.page.getByTestId("process-status");
  }

  owner() {
    return this.page.getByTestId("process-owner");
  }

  tasks() {
    return this.page.locator("section", {
      has: this.page.getByRole("heading", { name: "Zadania powiązane z tym procesem" }),
    });
  }

  history() {
    return this.page
      .locator("section", { has: this.page.getByRole("heading", { name: "Historia pracy" }) })
      .getByRole("listitem");
  }

  async changeStatus(label: string, reason?: string) {
    await this.page.getByLabel("Status procesu").selectOption({ label });
    if (reason !== undefined) await this.page.getByLabel("Powód rezygnacji").fill(reason);
    await this.page.getByRole("button", { name: "Zmień status" }).click();
    await this.status().filter({ hasText: label }).waitFor();
  }

  showroom() {
    return this.page.getByTestId("process-showroom");
  }

  /** "Zmień salon": the showroom, and who owns the process there (unchanged when not given). */
  async changeShowroom(showroom: string, owner?: string) {
    await this.page.getByLabel("Salon", { exact: true }).selectOption({ label: showroom });
    if (owner) await this.page.getByLabel("Opiekun w nowym salonie").selectOption({ label: owner });
    await this.page.getByRole("button", { name: "Zmień salon" }).click();
  }

  async changeOwner(name: string) {
    await this.page.getByLabel("Opiekun", { exact: true }).selectOption({ label: name });
    await this.page.getByRole("button", { name: "Zmień opiekuna" }).click();
    await this.owner().filter({ hasText: name }).waitFor();
  }
}
