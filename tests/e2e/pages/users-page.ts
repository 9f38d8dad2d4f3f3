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
    /** "Salony" to tick (by default what the form ticks itself: the only showroom). */
    showrooms?: string[];
  }) {
    const form = this.addForm();
    await form.getByLabel("Imię i nazwisko").fill(user.name);
    await form.getByLabel("E-mail").fill(user.email);
    await form.getByLabel("Hasło").fill(user.password);
    await form.getByLabel("Rola").selectOption({ label: user.role });
    if (user.showrooms) {
      const group = form.getByRole("group", { name: "Salony" });
      for (const box of await group.getByRole("checkbox").all()) await box.uncheck();
      for (const name of user.showrooms) await group.getByLabel(name, { exact: true }).check();
    }
    await form.getByRole("button", { name: "Dodaj", exact: true }).click();
  }

  addForm() {
    return this.page.locator("form", { has: this.page.getByRole("heading", { name: "Dodaj użytkownika" }) });
  }

  /** Ticks exactly these showrooms in the user's row and saves ("Zapisz salony"). */
  async setShowrooms(email: string, showrooms: string[]) {
    const row = this.row(email);
    for (const box of await row.getByRole("checkbox").all()) await box.uncheck();
    for (const name of showrooms) await row.getByLabel(name, { exact: true }).check();
    await row.getByRole("button", { name: "Zapisz salony" }).click();
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

  /** "Dezaktywuj" a user who owns open processes, choosing who takes them over (none: just the button). */
  async deactivateHandingTo(email: string, successor: string | null) {
    const row = this.row(email);
    if (successor) await row.getByLabel(/^Przejmuje otwarte procesy/).selectOption({ label: successor });
    await row.getByRole("button", { name: "Dezaktywuj" }).click();
  }
}
