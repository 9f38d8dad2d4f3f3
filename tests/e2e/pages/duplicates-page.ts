import type { Page } from "playwright-core";

/** "Duplikaty": groups of customers sharing a phone or e-mail, "Połącz" for each pair. */
export class DuplicatesPage {
  constructor(readonly page: Page) {}

  async openFromProcesses() {
    await this.page.goto("/procesy");
    await this.page.getByRole("link", { name: "Duplikaty" }).click();
    await this.page.getByRole("heading", { name: "Duplikaty", level: 1 }).waitFor();
  }

  /** The group whose heading is e.g. "Wspólny telefon: 601 234 567". */
  group(heading: string) {
    return this.page.locator("section.card", { has: this.page.getByRole("heading", { name: heading, level: 2 }) });
  }

  /** The "Połącz" form of the pair whose legend names both. */
  form(pair: string) {
    return this.page.locator("form", { has: this.page.locator("legend", { hasText: pair }) });
  }

  /** "Połącz" with no customer chosen: the form's error next to the choice. */
  async mergeWithoutChoice(pair: string) {
    await this.form(pair).getByRole("button", { name: "Połącz" }).click();
    return this.form(pair).locator(".field-error");
  }

  /** "Połącz" of the pair, keeping the customer `keep` names. */
  async merge(pair: string, keep: string) {
    const form = this.form(pair);
    await form.getByRole("radio", { name: `Zachowaj: ${keep}` }).check();
    await Promise.all([
      this.page.waitForURL(/\/procesy\/duplikaty\?polaczono=\d+$/),
      form.getByRole("button", { name: "Połącz" }).click(),
    ]);
  }

  confirmation() {
    return this.page.getByRole("status").filter({ hasText: "Połączono klientów" });
  }
}
