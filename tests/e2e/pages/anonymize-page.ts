import type { Page } from "playwright-core";

/** "Anonimizuj klienta": reason, typed confirmation, the irreversible button. */
export class AnonymizePage {
  constructor(readonly page: Page) {}

  async submit(reason: string, confirmation: string) {
    await this.page.getByLabel("Powód anonimizacji").fill(reason);
    await this.page.getByLabel("Potwierdzenie").fill(confirmation);
    await this.page.getByRole("button", { name: "Anonimizuj klienta" }).click();
  }

  fieldError(label: string) {
    return this.page.locator(".field", { has: this.page.getByLabel(label) }).locator(".field-error");
  }
}
