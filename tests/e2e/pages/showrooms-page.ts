import type { Page } from "playwright-core";

export type ShowroomFields = { name?: string; address?: string; phone?: string; opensAt?: string; closesAt?: string };

/** "Salony" (admins): the form that adds a showroom and a row per showroom with its own form. */
export class ShowroomsPage {
  constructor(readonly page: Page) {}

  async goto() {
    return this.page.goto("/salony");
  }

  addForm() {
    return this.page.locator("form", { has: this.page.getByRole("heading", { name: "Dodaj salon" }) });
  }

  row(name: string) {
    return this.page.locator(`tr[data-showroom="${name}"]`);
  }

  private async fill(scope: ReturnType<Page["locator"]>, fields: ShowroomFields) {
    if (fields.name !== undefined) await scope.getByLabel("Nazwa").fill(fields.name);
    if (fields.address !== undefined) await scope.getByLabel("Adres").fill(fields.address);
    if (fields.phone !== undefined) await scope.getByLabel("Telefon").fill(fields.phone);
    if (fields.opensAt !== undefined) await scope.getByLabel("Godzina otwarcia").fill(fields.opensAt);
    if (fields.closesAt !== undefined) await scope.getByLabel("Godzina zamknięcia").fill(fields.closesAt);
  }

  async add(fields: ShowroomFields) {
    await this.fill(this.addForm(), fields);
    await this.addForm().getByRole("button", { name: "Dodaj", exact: true }).click();
  }

  async edit(name: string, fields: ShowroomFields) {
    await this.fill(this.row(name), fields);
    await this.row(name).getByRole("button", { name: "Zapisz" }).click();
  }

  async setActive(name: string, active: boolean) {
    await this.row(name)
      .getByRole("button", { name: active ? "Aktywuj" : "Dezaktywuj" })
      .click();
    await this.row(name)
      .getByText(active ? "Aktywny" : "Nieaktywny", { exact: true })
      .waitFor();
  }
}
