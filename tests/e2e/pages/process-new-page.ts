import type { Page } from "playwright-core";

export type NewProcess = {
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  brand?: string;
  model?: string;
  source?: string;
  owner?: string;
};

/** "Nowy proces". */
export class ProcessNewPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/procesy");
    await Promise.all([
      this.page.waitForURL("**/procesy/nowy"),
      this.page.getByRole("link", { name: "Nowy proces" }).click(),
    ]);
  }

  async fill(process: NewProcess) {
    const fields: [string, string | undefined][] = [
      ["Imię", process.firstName],
      ["Nazwisko", process.lastName],
      ["Telefon", process.phone],
      ["E-mail", process.email],
      ["Marka", process.brand],
      ["Model", process.model],
    ];
    for (const [label, value] of fields)
      if (value !== undefined) await this.page.getByLabel(label, { exact: true }).fill(value);
    if (process.source) await this.page.getByLabel("Źródło").selectOption({ label: process.source });
    if (process.owner) await this.page.getByLabel("Opiekun").selectOption({ label: process.owner });
  }

  async submit() {
    await this.page.getByRole("button", { name: "Utwórz proces" }).click();
  }

  /** Fills, submits and waits for the new process's panel. */
  async create(process: NewProcess) {
    await this.fill(process);
    await Promise.all([this.page.waitForURL(/\/procesy\/\d+$/), this.submit()]);
  }

  duplicateNotice() {
    return this.page.getByRole("group", { name: "Ten klient już istnieje" });
  }

  async useExistingCustomer() {
    await this.page.getByLabel("Użyj istniejącego klienta").check();
    await Promise.all([this.page.waitForURL(/\/procesy\/\d+$/), this.submit()]);
  }
}
