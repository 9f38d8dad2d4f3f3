import type { Locator, Page } from "playwright-core";

export type CarInput = {
  showroom?: string;
  make?: string;
  model?: string;
  version?: string;
  registration?: string;
  vin?: string;
};

/** "Flota demo": the add form (managers, admins) and a card per car with its edit and out-of-service forms. */
export class FleetPage {
  constructor(readonly page: Page) {}

  goto() {
    return this.page.goto("/flota");
  }

  addForm() {
    return this.page.locator("form", { has: this.page.getByRole("heading", { name: "Dodaj samochód" }) });
  }

  car(registration: string) {
    return this.page.locator(`li[data-car="${registration}"]`);
  }

  private async fill(scope: Locator, car: CarInput) {
    const field = (label: string) => scope.getByLabel(new RegExp(`^${label}\\*?$`));
    if (car.showroom) await field("Salon").selectOption({ label: car.showroom });
    if (car.make !== undefined) await field("Marka").fill(car.make);
    if (car.model !== undefined) await field("Model").fill(car.model);
    if (car.version !== undefined) await field("Wersja").fill(car.version);
    if (car.registration !== undefined) await field("Numer rejestracyjny").fill(car.registration);
    if (car.vin !== undefined) await field("VIN").fill(car.vin);
  }

  async add(car: CarInput) {
    await this.fill(this.addForm(), car);
    await this.addForm().getByRole("button", { name: "Dodaj", exact: true }).click();
  }

  /** The error next to a field of the add form. */
  addError(name: string) {
    return this.addForm().locator(`#new-car-${name}-error`);
  }

  async addOutage(registration: string, from: string, to: string, reason: string) {
    const card = this.car(registration);
    await card.locator("summary").click();
    const form = card.getByRole("form", { name: "Dodaj wyłączenie" });
    await form.getByLabel(/^Od dnia/).fill(from);
    await form.getByLabel(/^Do dnia/).fill(to);
    await form.getByLabel(/^Powód/).fill(reason);
    await form.getByRole("button", { name: "Dodaj wyłączenie" }).click();
  }
}

/** "Kalendarz floty". */
export class FleetCalendarPage {
  constructor(readonly page: Page) {}

  goto(week?: string) {
    return this.page.goto(week ? `/flota/kalendarz?tydzien=${week}` : "/flota/kalendarz");
  }

  bookings(registration: string) {
    return this.page.locator(`tr[data-car="${registration}"] [data-testid="fleet-booking"]`);
  }
}
