import type { Page } from "playwright-core";

const CHANNELS = {
  phone: "Zgoda na kontakt telefoniczny",
  sms: "Zgoda na SMS",
  email: "Zgoda na e-mail",
} as const;
export type Channel = keyof typeof CHANNELS;

/** The panel's section "Zgody": the state per channel, "Zapisz zgody", the history. */
export class ConsentsSection {
  constructor(readonly page: Page) {}

  section() {
    return this.page.locator("section", { has: this.page.getByRole("heading", { name: "Zgody", exact: true }) });
  }

  /** "udzielona …", "wycofana …" or "brak". */
  async state(channel: Channel): Promise<string> {
    return (await this.section().locator(`[data-channel="${channel}"] dd`).textContent()) ?? "";
  }

  /** The pills next to the phone and the e-mail, by channel: true when marketing contact is allowed. */
  async marks(): Promise<Record<string, boolean>> {
    const marks = this.page.locator("[data-consent]");
    const result: Record<string, boolean> = {};
    for (let i = 0; i < (await marks.count()); i++) {
      const mark = marks.nth(i);
      result[(await mark.getAttribute("data-consent"))!] = (await mark.getAttribute("class"))!.includes("consent-yes");
    }
    return result;
  }

  history() {
    return this.section().locator(".consent-history > li");
  }

  /** Sets the boxes as given (others untouched), picks the source and presses "Zapisz zgody". */
  async save(boxes: Partial<Record<Channel, boolean>>, source?: "Salon" | "Telefon") {
    for (const [channel, on] of Object.entries(boxes) as [Channel, boolean][])
      await this.section().getByLabel(CHANNELS[channel], { exact: true }).setChecked(on);
    if (source) await this.section().getByLabel("Źródło zgody").selectOption({ label: source });
    await this.section().getByRole("button", { name: "Zapisz zgody" }).click();
  }

  message() {
    return this.section().locator(".form-message-slot .alert");
  }
}

export const CONSENT_LABELS = CHANNELS;
