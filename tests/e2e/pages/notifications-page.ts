import type { Page } from "playwright-core";

export class NotificationsPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/powiadomienia");
  }

  item(message: string) {
    return this.page.locator("li.notification", { hasText: message });
  }

  unreadItems() {
    return this.page.locator('li.notification[data-unread="true"]');
  }

  async open(message: string) {
    await this.item(message)
      .getByRole("button", { name: /^Otwórz/ })
      .click();
  }

  async markAllRead() {
    await this.page.getByRole("button", { name: "Oznacz wszystkie jako przeczytane" }).click();
  }
}
