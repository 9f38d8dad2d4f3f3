import type { Browser, BrowserContext, Page } from "playwright-core";
import ExcelJS from "exceljs";
import { launchBrowser } from "./support/chromium";
import { insertPerson, ownServer, type OwnServer, type Person } from "./support/attack-kit";
import { ImportPage } from "./pages/import-page";
import { LoginPage } from "./pages/login-page";

// "Importuj z pliku" and "Eksportuj" in Chromium, with and without JavaScript: a refused file, the columns
// matched and changed, "Podgląd" with each row's errors, "Importuj" advancing in the background (the page
// refreshes itself), the report of skipped rows, "Cofnij import", and the list exported as CSV.

let server: OwnServer;
let browser: Browser;
let manager: Person;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await ownServer();
  manager = await insertPerson("manager", "Marta Importerka");
  await insertPerson("salesperson", "Olga Handlowa");
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function signedInPage(javaScript: boolean): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    javaScriptEnabled: javaScript,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    acceptDownloads: true,
  });
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(manager.email, manager.password);
  return page;
}

/** 1,200 customers (enough for several batches), row 3 without a name, row 4 with a bad phone. */
async function customersXlsx(tag: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Klienci");
  sheet.addRow(["Imię", "Nazwisko", "Telefon", "Auto", "Model", "Opiekun", "Status"]);
  sheet.addRow(["Ewa", `Pierwsza ${tag}`, "", "Škoda", "Fabia", "Olga Handlowa", "Oferta"]);
  sheet.addRow(["", "", "", "Kia", "Rio", "", "Nowy"]);
  sheet.addRow(["Jan", `Błędny ${tag}`, "123", "Kia", "Rio", "", "Nowy"]);
  for (let i = 0; i < 1197; i++) sheet.addRow(["Adam", `Klient ${tag} ${i}`, "", "Opel", "Corsa", "", "Nowy"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test("a file larger than a form may be (1 MB) is taken: the import's own limit applies", async () => {
  const page = await signedInPage(true);
  const imports = new ImportPage(page);
  await imports.openFromProcesses();
  const rows = Array.from({ length: 30_000 }, (_, i) => `Adam;Duży Plik ${i};Opel;Corsa;Nowy`);
  const buffer = Buffer.from(["Imię;Nazwisko;Marka;Model;Status", ...rows].join("\n") + "\n");
  expect(buffer.length).toBeGreaterThan(1024 * 1024);
  await imports.upload({ name: "duzy.csv", mimeType: "text/csv", buffer });
  await page.getByText("Wierszy w pliku: 30000").waitFor({ timeout: 30_000 });
});

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("%s", (_mode, javaScript) => {
  const tag = javaScript ? "js" : "nojs";

  test("a manager imports a file, sees its progress and report, undoes it, and exports the list", async () => {
    const page = await signedInPage(javaScript);
    const imports = new ImportPage(page);
    await imports.openFromProcesses();

    await imports.upload({ name: "oferta.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n\0\0") });
    await imports.refusal().filter({ hasText: "To nie jest arkusz" }).waitFor();
    await imports.upload({
      name: "formuly.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("Nazwisko;Telefon\nNowak;600100100\n=2+2;600100101\n"),
    });
    await imports.refusal().filter({ hasText: "w wierszu 3, kolumnie 1 zawiera formułę" }).waitFor();

    await imports.upload({
      name: `klienci-${tag}.xlsx`,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await customersXlsx(tag),
    });
    await page.getByText("Wierszy w pliku: 1200").waitFor();
    // Matched by their headers; "Auto" is not a known header: the manager points it at "Marka".
    await expect(imports.column("Nazwisko").inputValue()).resolves.toBe("lastName");
    await expect(imports.column("Auto").inputValue()).resolves.toBe("");
    await imports.column("Auto").selectOption("brand");
    await imports.preview();
    await imports.previewRow(2).getByText("bez błędów").waitFor();
    await imports.previewRow(3).getByText("brak imienia i nazwiska").waitFor();
    await imports.previewRow(4).getByText("nieprawidłowy numer telefonu „123”").waitFor();
    await expect(page.locator("#podglad tbody tr").count()).resolves.toBe(20);
    await expect(imports.column("Auto").inputValue()).resolves.toBe("brand");

    await imports.start();
    await imports.progress().waitFor();
    await page
      .getByText("Gotowe: procesów 1198, nowych klientów 1198, pominiętych wierszy 2.")
      .waitFor({ timeout: 60_000 });
    await expect(imports.progress().textContent()).resolves.toBe("Zaimportowano 1200 z 1200");

    const [report] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Pobierz raport pominiętych wierszy (CSV)" }).click(),
    ]);
    const reportText = await streamText(await report.createReadStream());
    expect(reportText).toBe(
      "\uFEFFWiersz;Powód\r\n3;brak imienia i nazwiska\r\n4;nieprawidłowy numer telefonu „123”\r\n",
    );

    // The list shows the imported process with Olga as its owner and its first planned contact.
    await page.goto(`/procesy?q=${encodeURIComponent(`Pierwsza ${tag}`)}`);
    const row = page.locator("tbody tr").filter({ hasText: `Pierwsza ${tag}` });
    await row.getByText("Olga Handlowa").waitFor();
    await row.getByText("Kontakt telefoniczny").waitFor();

    // "Eksportuj": the filtered list as CSV for a Polish Excel.
    const [exported] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Eksportuj" }).click(),
    ]);
    const csv = await streamText(await exported.createReadStream());
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "\uFEFFImię;Nazwisko;Telefon;E-mail;Marka;Model;Źródło;Status;Opiekun;Data utworzenia;Ostatnia aktywność",
    );
    expect(lines.slice(1).filter(Boolean)).toHaveLength(1);
    expect(lines[1]).toMatch(new RegExp(`^Ewa;Pierwsza ${tag};;;Škoda;Fabia;Inne;Oferta;Olga Handlowa;`));

    await page.goto("/procesy/import");
    await page.getByRole("link", { name: `klienci-${tag}.xlsx` }).click();
    await imports.undo();
    await page.getByText("Import został cofnięty.").waitFor();
    await page.goto(`/procesy?q=${encodeURIComponent(`Pierwsza ${tag}`)}`);
    await page.getByText("Brak procesów spełniających kryteria.").waitFor();
  }, 180_000);
});

async function streamText(stream: NodeJS.ReadableStream | null): Promise<string> {
  if (!stream) throw new Error("no download");
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
