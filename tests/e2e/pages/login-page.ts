import type { Page } from "playwright-core";

export class LoginPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/login");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("E-mail").fill(email);
    await this.page.getByLabel("Hasło").fill(password);
    await this.page.getByRole("button", { name: "Zaloguj się" }).click();
  }

  /** Signs in and waits for the app's first page. */
  async signInAs(email: string, password: string) {
    await this.goto();
    await this.signIn(email, password);
    await this.page.waitForURL("**/procesy**");
  }

  /** The second step, with "Weryfikacja dwuetapowa". */
  async enterCode(code: string) {
    await this.page.getByLabel("Kod weryfikacyjny").fill(code);
    await this.page.getByRole("button", { name: "Potwierdź" }).click();
  }

  error() {
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }
}
