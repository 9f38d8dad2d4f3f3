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
}
