import type { Page } from "playwright-core";

/** "Procesy": search, filters, rows. */
export class ProcessListPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    return this.page.goto(`/procesy${query}`);
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Szukaj" }).fill(text);
    await Promise.all([
      this.page.waitForURL(/\/procesy\?/),
      this.page.getByRole("button", { name: "Filtruj" }).click(),
    ]);
  }

  rows() {
    return this.page.locator("table.process-list tbody tr");
  }

  row(customerName: string) {
    return this.rows().filter({ has: this.page.getByRole("link", { name: customerName }) });
  }

  async open(customerName: string) {
    await Promise.all([
      this.page.waitForURL(/\/procesy\/\d+$/),
      this.row(customerName).getByRole("link", { name: customerName }).click(),
    ]);
  }

  /** Ticks a row's checkbox for "Zmień opiekuna zaznaczonych". */
  async tick(customerName: string) {
    await this.page.getByRole("checkbox", { name: `Zaznacz proces klienta ${customerName}` }).check();
  }

  /** "Zmień opiekuna zaznaczonych": the ticked rows, or every one matching the filter, to `owner`. */
  async handOver(owner: string, scope: "selected" | "filter" = "selected") {
    const form = this.page.locator("form#hand-over");
    if (owner) await form.getByLabel("Nowy opiekun").selectOption({ label: owner });
    await form
      .getByRole("radio", { name: scope === "selected" ? "zaznaczone" : /^wszystkie pasujące do filtra/ })
      .check();
    // The answer replaces the previous one (if any): wait for a message other than that.
    const previous = (await form.locator(".alert").count()) ? await form.locator(".alert").first().textContent() : null;
    await form.getByRole("button", { name: "Zmień opiekuna zaznaczonych" }).click();
    const answer = previous ? form.locator(".alert", { hasNotText: previous }) : form.locator(".alert");
    await answer.first().waitFor();
    return answer.first();
  }
}
