import type { Page } from "playwright-core";

/** "Moje konto". */
export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/konto");
  }

  passwordForm() {
    return this.page.locator("form", { has: this.page.getByRole("heading", { name: "Zmień hasło" }) });
  }

  async changePassword(current: string, next: string) {
    const form = this.passwordForm();
    await form.getByLabel("Obecne hasło").fill(current);
    await form.getByLabel("Nowe hasło").fill(next);
    await form.getByRole("button", { name: "Zmień hasło" }).click();
  }

  async signOutEverywhere() {
    await this.page.getByRole("button", { name: "Wyloguj wszędzie" }).click();
    await this.page.waitForURL("**/login");
  }

  twoFactor() {
    return this.page.getByRole("region", { name: "Weryfikacja dwuetapowa" });
  }

  async startTwoFactor() {
    await this.page.getByRole("button", { name: "Włącz weryfikację dwuetapową" }).click();
    await this.page.getByRole("img", { name: "Kod QR dla aplikacji uwierzytelniającej" }).waitFor();
  }

  /** The key shown under the QR code, as typed into an authenticator app by hand. */
  async manualKey(): Promise<string> {
    return ((await this.page.locator(".manual-key").textContent()) ?? "").replace(/\s/g, "");
  }

  async confirmTwoFactor(code: string) {
    await this.twoFactor().getByLabel("Kod weryfikacyjny").fill(code);
    await this.page.getByRole("button", { name: "Potwierdź i włącz" }).click();
  }

  async backupCodes(): Promise<string[]> {
    const list = this.page.getByRole("list", { name: "Kody zapasowe" });
    await list.waitFor();
    return list.getByRole("listitem").allTextContents();
  }
}
