import type { Page } from "playwright-core";

export class UsersPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/uzytkownicy");
  }

  async addUser(user: {
    name: string;
    email: string;
    password: string;
    role: "Sprzedawca" | "Kierownik" | "Administrator";
  }) {
    const form = this.page.locator("form", { has: this.page.getByRole("heading", { name: "Dodaj użytkownika" }) });
    await form.getByLabel("Imię i nazwisko").fill(user.name);
    await form.getByLabel("E-mail").fill(user.email);
    await form.getByLabel("Hasło").fill(user.password);
    await form.getByLabel("Rola").selectOption({ label: user.role });
    await form.getByRole("button", { name: "Dodaj", exact: true }).click();
  }

  row(email: string) {
    return this.page.locator(`tr[data-email="${email}"]`);
  }

  async changeRole(email: string, role: "Sprzedawca" | "Kierownik" | "Administrator") {
    await this.row(email).getByRole("combobox").selectOption({ label: role });
    await this.row(email).getByRole("button", { name: "Zmień rolę" }).click();
  }

  async deactivate(email: string) {
    await this.row(email).getByRole("button", { name: "Dezaktywuj" }).click();
    await this.row(email).getByText("Nieaktywny").waitFor();
  }
}
