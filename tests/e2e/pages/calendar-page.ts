import type { Page } from "playwright-core";

export class CalendarPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    return this.page.goto(`/kalendarz${query}`);
  }

  /** A cell of the week grid: hour "HH:00", or "all" for the all-day row. */
  gridCell(day: string, hour: string) {
    return this.page.locator(`table.cal-grid td[data-day="${day}"][data-hour="${hour}"]`);
  }

  /** A day of the phone's day list. */
  listDay(day: string) {
    return this.page.locator(`ol.cal-days li[data-day="${day}"]`);
  }

  async createFeed() {
    await this.page.getByRole("button", { name: /Utwórz (adres kalendarza|nowy adres)/ }).click();
    await this.feedUrlInput().waitFor();
  }

  feedUrlInput() {
    return this.page.getByLabel("Adres kalendarza");
  }

  async revokeFeed() {
    await this.page.getByRole("button", { name: "Unieważnij adres" }).click();
    await this.page.getByText("Adres kalendarza został unieważniony.").waitFor();
  }
}
