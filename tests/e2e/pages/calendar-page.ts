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

  /** A manager's choice of whose calendar to show ("Wszyscy" for everyone). */
  async pickUser(label: string) {
    const select = this.page.getByLabel("Użytkownik");
    await select.selectOption({ label });
    const value = await select.inputValue();
    await Promise.all([
      this.page.waitForURL(`**/kalendarz?*uzytkownik=${value}`),
      this.page.getByRole("button", { name: "Pokaż" }).click(),
    ]);
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
