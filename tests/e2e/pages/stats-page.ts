import type { Page } from "playwright-core";

/** "Statystyki": the period picker, the activity table (a row per user) and the funnel. */
export class StatsPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    return this.page.goto(`/statystyki${query}`);
  }

  activityRows() {
    return this.page.locator("#activity tbody tr[data-user-id]");
  }

  row(userId: number) {
    return this.page.locator(`#activity tbody tr[data-user-id="${userId}"]`);
  }

  totalRow() {
    return this.page.locator("#activity tbody tr[data-total]");
  }

  /** A number from a user's row, by its column's label ("Aktywność", "Inicjatywa: Klient", …). */
  async cell(userId: number, label: string): Promise<number> {
    return Number(await this.row(userId).locator(`td[data-label="${label}"]`).textContent());
  }

  async showRange(from: string, to: string) {
    const form = this.page.getByRole("form", { name: "Własny zakres" });
    await form.getByLabel("Od").fill(from);
    await form.getByLabel("Do").fill(to);
    await form.getByRole("button", { name: "Pokaż" }).click();
    await this.page.waitForURL(`**/statystyki?okres=zakres&od=${from}&do=${to}`);
  }

  funnelCount(stage: "new" | "in_progress" | "offer" | "order" | "delivered") {
    return this.page.locator(`#funnel tr[data-stage="${stage}"] td`).first();
  }
}
