import type { Page } from "playwright-core";

/** "Importuj z pliku": the upload, the columns and "Podgląd", the progress, the report and "Cofnij import". */
export class ImportPage {
  constructor(readonly page: Page) {}

  async openFromProcesses() {
    await this.page.goto("/procesy");
    await this.page.getByRole("link", { name: "Importuj z pliku" }).click();
    await this.page.getByRole("heading", { name: "Importuj z pliku" }).waitFor();
  }

  async upload(file: { name: string; mimeType: string; buffer: Buffer }) {
    await this.page.getByLabel("Plik").setInputFiles(file);
    await this.page.getByRole("button", { name: "Wczytaj plik" }).click();
  }

  refusal() {
    return this.page.locator("#import-file-error");
  }

  column(header: string) {
    return this.page.getByLabel(header, { exact: true });
  }

  async preview() {
    await this.page.getByRole("button", { name: "Podgląd" }).click();
    await this.page.locator("#podglad").waitFor();
  }

  previewRow(number: number) {
    return this.page
      .locator("#podglad tbody tr")
      .filter({ has: this.page.getByRole("cell", { name: String(number), exact: true }) });
  }

  async start() {
    await this.page.getByRole("button", { name: "Importuj", exact: true }).click();
  }

  progress() {
    return this.page.getByText(/^Zaimportowano \d+ z \d+$/);
  }

  async undo() {
    await this.page.getByRole("button", { name: "Cofnij import" }).click();
  }
}
