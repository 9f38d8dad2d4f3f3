import type { Page } from "playwright-core";

/** The header and navigation every signed-in page has. */
export class AppShell {
  constructor(readonly page: Page) {}

  nav() {
    return this.page.getByRole("navigation", { name: "Nawigacja główna" });
  }

  navLink(label: string) {
    return this.nav().getByRole("link", { name: label, exact: false });
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Wyloguj", exact: true }).click();
    await this.page.waitForURL("**/login");
  }
}
