import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { and, asc, count, desc, eq, inArray, isNotNull } from "drizzle-orm";
import yauzl from "yauzl";
import { getDb, transaction } from "@/db/client";
import { auditEvents, consentRecords, customers, processes, tasks } from "@/db/schema";
import { attachTestFile, insertNote, insertProcess, insertTask } from "@/tests/support/fixtures";
import { launchBrowser } from "./support/chromium";
import {
  FRAMEWORK_NOISE,
  insertPerson,
  ownServer,
  serverErrors,
  type OwnServer,
  type Person,
} from "./support/attack-kit";
import { AnonymizePage } from "./pages/anonymize-page";
import { ConsentsSection } from "./pages/consents-section";
import { LoginPage } from "./pages/login-page";
import { ProcessNewPage } from "./pages/process-new-page";

// Customer data under RODO in a real Chromium, with and without JavaScript: consents in "Nowy proces" and
// the panel, "Anonimizuj klienta", "Eksport danych klienta", "Dziennik zdarzeń", "Ustawienia" and "Do
// anonimizacji". A server of its own: it needs RETENTION_MONTHS.

let server: OwnServer;
let browser: Browser;
let admin: Person;
let manager: Person;
let seller: Person;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await ownServer({ RETENTION_MONTHS: "24" });
  admin = await insertPerson("admin", "Ada Administratorka");
  manager = await insertPerson("manager", "Marek Kierownik");
  seller = await insertPerson("salesperson", "Sara Sprzedawczyni");
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

async function signedIn(person: Person, javaScriptEnabled = true, extraHTTPHeaders?: Record<string, string>) {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    javaScriptEnabled,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    viewport: { width: 360, height: 740 },
    extraHTTPHeaders,
  });
  contexts.push(context);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  return page;
}

/** A customer of the seller's with a note, a planned task with a file, and a phone consent. */
async function customerWithData(lastName: string) {
  const process = await insertProcess(seller.id, {
    status: "in_progress",
    customer: {
      firstName: "Irena",
      lastName,
      phone: `+4869${crypto.randomInt(1_000_000, 9_999_999)}`,
      email: `${lastName.toLowerCase()}@klient.test`,
    },
    vehicle: { brand: "Mazda", model: "CX-5" },
  });
  const { id: processId, customerId } = process;
  await insertNote(processId, seller.id, { content: `Irena ${lastName} pyta o leasing`, notifyOwner: false });
  const start = new Date(Date.UTC(2030, 0, 2, 9));
  const task = await insertTask(processId, seller.id, { startAt: start, dueAt: start });
  const content = `Umowa leasingu ${lastName}\n`;
  const file = await attachTestFile(task.id, seller.id, "umowa.txt", content);
  await transaction((tx) =>
    tx.insert(consentRecords).values({
      customerId,
      channel: "phone",
      granted: true,
      recordedById: seller.id,
      source: "showroom",
      text: "Treść",
    }),
  );
  return { customerId, processId, storedName: file.storedName, bytes: Buffer.from(content) };
}

/**
 * Submits with the button and waits for the answer: with JavaScript the action's response (the form then
 * updates in place), without it the new page; then for `text`.
 */
async function answered(page: Page, javaScriptEnabled: boolean, submit: () => Promise<void>, text: string) {
  if (javaScriptEnabled)
    await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), submit()]);
  else await Promise.all([page.waitForEvent("load"), submit()]);
  await page.getByText(text).first().waitFor();
}

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("%s", (_mode, javaScriptEnabled) => {
  test("consents: ticked in Nowy proces, shown next to the contacts and in Zgody, changed with Zapisz zgody; no change writes nothing", async () => {
    const page = await signedIn(seller, javaScriptEnabled);
    const lastName = `Zgodna${javaScriptEnabled ? "Js" : "Html"}${crypto.randomInt(1e6)}`;
    const form = new ProcessNewPage(page);
    await page.goto("/procesy/nowy");
    await form.fill({ lastName, phone: `601${crypto.randomInt(100_000, 999_999)}`, email: `${lastName}@klient.test` });
    await page.getByLabel("Zgoda na kontakt telefoniczny").check();
    await page.getByLabel("Zgoda na e-mail", { exact: true }).check();
    await Promise.all([page.waitForURL(/\/procesy\/\d+$/), form.submit()]);

    const consents = new ConsentsSection(page);
    expect(await consents.state("phone")).toMatch(/^udzielona /);
    expect(await consents.state("sms")).toBe("brak");
    expect(await consents.state("email")).toMatch(/^udzielona /);
    expect(await consents.marks()).toEqual({ phone: true, sms: false, email: true });
    expect(await consents.history().count()).toBe(2);
    expect(await consents.history().first().textContent()).toContain(
      `Źródło zgody: Salon · Zapisał(a): ${seller.name}`,
    );

    await answered(
      page,
      javaScriptEnabled,
      () => consents.save({ email: false, sms: true }, "Telefon"),
      "Zapisano zmiany zgód.",
    );
    await page.locator('[data-channel="email"] dd', { hasText: "wycofana" }).waitFor();
    expect(await consents.state("sms")).toMatch(/^udzielona /);
    expect(await consents.state("phone")).toMatch(/^udzielona /);
    expect(await consents.marks()).toEqual({ phone: true, sms: true, email: false });
    expect(await consents.history().count()).toBe(4);
    expect(await consents.history().first().textContent()).toContain("Źródło zgody: Telefon");

    const [{ customerId }] = await getDb()
      .select({ customerId: processes.customerId })
      .from(processes)
      .where(eq(processes.id, Number(new URL(page.url()).pathname.split("/").pop())));
    const records = async () =>
      (await getDb().select({ n: count() }).from(consentRecords).where(eq(consentRecords.customerId, customerId)))[0].n;
    expect(await records()).toBe(4);
    await answered(page, javaScriptEnabled, () => consents.save({}), "Zgody się nie zmieniły: nic nie zapisano.");
    expect(await records()).toBe(4);
    // Logged as they happened, from the browser's address.
    expect(
      await getDb()
        .select({ userId: auditEvents.userId, address: auditEvents.address })
        .from(auditEvents)
        .where(and(eq(auditEvents.kind, "consents_changed"), eq(auditEvents.customerId, customerId)))
        .orderBy(asc(auditEvents.id)),
    ).toEqual([
      { userId: seller.id, address: "127.0.0.1" },
      { userId: seller.id, address: "127.0.0.1" },
    ]);
  });

  test("Anonimizuj klienta asks for a reason and the typed word, keeps the input after an error, then replaces the data for good", async () => {
    const lastName = `Anonimowa${javaScriptEnabled ? "Js" : "Html"}${crypto.randomInt(1e6)}`;
    const { customerId, processId, storedName } = await customerWithData(lastName);
    const page = await signedIn(admin, javaScriptEnabled);
    await page.goto(`/procesy/${processId}`);
    await Promise.all([
      page.waitForURL(`**/klienci/${customerId}/anonimizacja`),
      page.getByRole("link", { name: "Anonimizuj klienta" }).click(),
    ]);
    const form = new AnonymizePage(page);
    await answered(page, javaScriptEnabled, () => form.submit("", ""), "Podaj powód anonimizacji.");
    expect(await form.fieldError("Potwierdzenie").textContent()).toBe("Wpisz dokładnie ANONIMIZUJ.");
    await answered(
      page,
      javaScriptEnabled,
      () => form.submit("Żądanie klientki (e-mail z 3 marca)", "anonimizuj"),
      "Wpisz dokładnie ANONIMIZUJ.",
    );
    expect(await page.getByLabel("Powód anonimizacji").inputValue()).toBe("Żądanie klientki (e-mail z 3 marca)");
    // With JavaScript the confirmation's error is already on the page: wait for the answer to clear the reason's.
    await form.fieldError("Powód anonimizacji").waitFor({ state: "detached", timeout: 10_000 });
    expect(
      await getDb()
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.id, customerId), isNotNull(customers.anonymizedAt))),
    ).toEqual([]);

    await Promise.all([
      page.waitForURL(`**/procesy/${processId}`),
      form.submit("Żądanie klientki (e-mail z 3 marca)", "ANONIMIZUJ"),
    ]);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Klient zanonimizowany");
    await page.getByText(/Dane tego klienta zostały zanonimizowane/).waitFor();
    expect(await page.getByText(lastName).count()).toBe(0);
    expect(await page.getByText("[usunięto podczas anonimizacji]").count()).toBe(1);
    expect(await page.getByRole("link", { name: "umowa.txt" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Zapisz zgody" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Anonimizuj klienta" }).count()).toBe(0);
    const consents = new ConsentsSection(page);
    expect(await consents.state("phone")).toMatch(/^wycofana /);
    expect(fs.existsSync(path.join(server.dataDir, "uploads", storedName))).toBe(false);
    expect(await getDb().select({ n: count() }).from(tasks).where(eq(tasks.processId, processId))).toEqual([{ n: 1 }]);
    // Irreversible: the page now only says so.
    await page.goto(`/klienci/${customerId}/anonimizacja`);
    expect(await page.getByRole("button", { name: "Anonimizuj klienta" }).count()).toBe(0);
  });
});

function unzipEntries(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (openError, stream) => {
          if (openError) return reject(openError);
          const parts: Buffer[] = [];
          stream.on("data", (part: Buffer) => parts.push(part));
          stream.on("end", () => {
            entries.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

test("a manager downloads Eksport danych klienta as a ZIP; a salesperson is not offered it; the administrator finds it in Dziennik zdarzeń", async () => {
  const lastName = `Eksportowa${crypto.randomInt(1e6)}`;
  const { customerId, processId, bytes } = await customerWithData(lastName);
  const sellerPage = await signedIn(seller);
  await sellerPage.goto(`/procesy/${processId}`);
  expect(await sellerPage.getByRole("link", { name: "Eksport danych klienta" }).count()).toBe(0);

  const page = await signedIn(manager);
  await page.goto(`/procesy/${processId}`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Eksport danych klienta" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`klient-${customerId}.zip`);
  const file = path.join(server.dataDir, `export-${customerId}.zip`);
  await download.saveAs(file);
  const entries = await unzipEntries(file);
  const data = JSON.parse(entries.get("dane.json")!.toString("utf8"));
  expect(data.customer).toMatchObject({ id: customerId, firstName: "Irena", lastName });
  expect(data.notes[0].content).toBe(`Irena ${lastName} pyta o leasing`);
  expect(data.consents).toEqual([expect.objectContaining({ channel: "Zgoda na kontakt telefoniczny", granted: true })]);
  expect(entries.get(data.files[0].path)).toEqual(bytes);

  const adminPage = await signedIn(admin, false);
  await adminPage.goto("/dziennik");
  await adminPage.getByLabel("Rodzaj").selectOption({ label: "Eksport danych klienta" });
  await Promise.all([
    adminPage.waitForURL(/rodzaj=customer_export/),
    adminPage.getByRole("button", { name: "Filtruj" }).click(),
  ]);
  const row = adminPage.locator("tr", { hasText: `#${customerId}` });
  expect(await row.locator('td[data-label="Kto"]').textContent()).toBe(manager.name);
  expect(await row.locator('td[data-label="Adres"]').textContent()).toBe("127.0.0.1");
});

test("a forged X-Forwarded-For does not change the address written for a sign-in (no TRUST_PROXY)", async () => {
  await signedIn(seller, true, { "X-Forwarded-For": "198.51.100.66" });
  const [event] = await getDb()
    .select({ address: auditEvents.address })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, "sign_in"), eq(auditEvents.userId, seller.id)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  expect(event.address).toBe("127.0.0.1");
});

test("Ustawienia: the administrator's wording is what a new consent keeps; Do anonimizacji lists the long inactive and anonymises the chosen ones", async () => {
  const page = await signedIn(admin, false);
  await page.goto("/ustawienia");
  const wording = `Zgoda na SMS salonu (wersja ${crypto.randomInt(1e6)})`;
  await page.getByLabel("Zgoda na SMS").fill(wording);
  await answered(page, false, () => page.getByRole("button", { name: "Zapisz" }).click(), "Zapisano ustawienia.");
  const { processId, customerId } = await customerWithData(`Nowa${crypto.randomInt(1e6)}`);
  await page.goto(`/procesy/${processId}`);
  await answered(page, false, () => new ConsentsSection(page).save({ sms: true }), "Zapisano zmiany zgód.");
  expect(
    await getDb()
      .select({ text: consentRecords.text })
      .from(consentRecords)
      .where(and(eq(consentRecords.customerId, customerId), eq(consentRecords.channel, "sms"))),
  ).toEqual([{ text: wording }]);

  // Two customers gone quiet three years ago: one chosen, one left.
  const old = new Date(Date.UTC(2020, 4, 1));
  const quiet: number[] = [];
  for (const name of ["Cicha", "Milcząca"]) {
    const process = await insertProcess(seller.id, {
      status: "delivered",
      customer: { firstName: "Olga", lastName: `${name}${crypto.randomInt(1e6)}`, createdAt: old },
      vehicle: { brand: "", model: "" },
      columns: { createdAt: old, updatedAt: old, lastActivityAt: old },
    });
    quiet.push(process.customerId);
  }
  await page.goto("/klienci/do-anonimizacji");
  const [chosen, left] = quiet;
  const names = await getDb()
    .select({ last_name: customers.lastName })
    .from(customers)
    .where(inArray(customers.id, [chosen, left]))
    .orderBy(asc(customers.id));
  await page.getByRole("checkbox", { name: `Wybierz: Olga ${names[0].last_name}` }).check();
  await answered(
    page,
    false,
    () => page.getByRole("button", { name: "Anonimizuj zaznaczonych" }).click(),
    "Wpisz dokładnie ANONIMIZUJ.",
  );
  expect(await page.getByRole("checkbox", { name: `Wybierz: Olga ${names[0].last_name}` }).isChecked()).toBe(true);
  await page.getByLabel("Potwierdzenie").fill("ANONIMIZUJ");
  await answered(
    page,
    false,
    () => page.getByRole("button", { name: "Anonimizuj zaznaczonych" }).click(),
    "Zanonimizowano klientów: 1.",
  );
  expect(await page.getByText(`Olga ${names[0].last_name}`).count()).toBe(0);
  expect(await page.getByText(`Olga ${names[1].last_name}`).count()).toBe(1);
  expect(
    await getDb()
      .select({ id: customers.id })
      .from(customers)
      .where(and(isNotNull(customers.anonymizedAt), inArray(customers.id, [chosen, left]))),
  ).toEqual([{ id: chosen }]);
});

test("the server logged no unhandled error meanwhile", () => {
  expect(serverErrors(server.logFile).filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
});
