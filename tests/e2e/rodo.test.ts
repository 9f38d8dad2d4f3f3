import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import yauzl from "yauzl";
import { launchBrowser } from "./support/chromium";
import {
  FRAMEWORK_NOISE,
  insertPerson,
  ownServer,
  serverErrors,
  writableDb,
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
  const db = writableDb(server.dataDir);
  admin = { ...insertPerson(db, "admin", "Ada Administratorka"), role: "admin" };
  manager = insertPerson(db, "manager", "Marek Kierownik");
  seller = insertPerson(db, "salesperson", "Sara Sprzedawczyni");
  db.close();
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

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = writableDb(server.dataDir);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A customer of the seller's with a note, a done task with a file, and a phone consent. */
function customerWithData(lastName: string) {
  const db = writableDb(server.dataDir);
  try {
    const customerId = Number(
      db
        .prepare("insert into customers (first_name, last_name, phone, email) values ('Irena', ?, ?, ?)")
        .run(lastName, `+4869${crypto.randomInt(1_000_000, 9_999_999)}`, `${lastName.toLowerCase()}@klient.test`)
        .lastInsertRowid,
    );
    const processId = Number(
      db
        .prepare(
          "insert into processes (customer_id, brand, model, source, owner_id, status, showroom_id) values (?, 'Mazda', 'CX-5', 'showroom', ?, 'in_progress', (select min(id) from showrooms))",
        )
        .run(customerId, seller.id).lastInsertRowid,
    );
    db.prepare(
      "insert into notes (process_id, author_id, initiative, type, content) values (?, ?, 'customer', 'phone', ?)",
    ).run(processId, seller.id, `Irena ${lastName} pyta o leasing`);
    const taskId = Number(
      db
        .prepare(
          "insert into tasks (process_id, assignee_id, planned_by_id, goal, all_day, start_at, end_at, due_at, state) values (?, ?, ?, 'phone_contact', 0, ?, ?, ?, 'planned')",
        )
        .run(
          processId,
          seller.id,
          seller.id,
          Date.UTC(2030, 0, 2, 9),
          Date.UTC(2030, 0, 2, 9, 30),
          Date.UTC(2030, 0, 2, 9),
        ).lastInsertRowid,
    );
    const storedName = crypto.randomBytes(18).toString("base64url");
    fs.mkdirSync(path.join(server.dataDir, "uploads"), { recursive: true });
    const bytes = Buffer.from(`Umowa leasingu ${lastName}\n`);
    fs.writeFileSync(path.join(server.dataDir, "uploads", storedName), bytes);
    db.prepare(
      "insert into task_files (task_id, token, original_name, stored_name, size, mime_type, sha256, uploaded_by_id) values (?, ?, 'umowa.txt', ?, ?, 'text/plain', ?, ?)",
    ).run(
      taskId,
      crypto.randomBytes(18).toString("base64url"),
      storedName,
      bytes.length,
      crypto.createHash("sha256").update(bytes).digest("hex"),
      seller.id,
    );
    db.prepare(
      "insert into consent_records (customer_id, channel, granted, recorded_by_id, source, text) values (?, 'phone', 1, ?, 'showroom', 'Treść')",
    ).run(customerId, seller.id);
    return { customerId, processId, storedName, bytes };
  } finally {
    db.close();
  }
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

    const [{ customer_id: customerId }] = query<{ customer_id: number }>(
      "select customer_id from processes where id = ?",
      Number(new URL(page.url()).pathname.split("/").pop()),
    );
    const count = () =>
      query<{ n: number }>("select count(*) as n from consent_records where customer_id = ?", customerId)[0].n;
    expect(count()).toBe(4);
    await answered(page, javaScriptEnabled, () => consents.save({}), "Zgody się nie zmieniły: nic nie zapisano.");
    expect(count()).toBe(4);
    // Logged as they happened, from the browser's address.
    expect(
      query<{ user_id: number; address: string }>(
        "select user_id, address from audit_events where kind = 'consents_changed' and customer_id = ?",
        customerId,
      ),
    ).toEqual([
      { user_id: seller.id, address: "127.0.0.1" },
      { user_id: seller.id, address: "127.0.0.1" },
    ]);
  });

  test("Anonimizuj klienta asks for a reason and the typed word, keeps the input after an error, then replaces the data for good", async () => {
    const lastName = `Anonimowa${javaScriptEnabled ? "Js" : "Html"}${crypto.randomInt(1e6)}`;
    const { customerId, processId, storedName } = customerWithData(lastName);
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
    expect(await form.fieldError("Powód anonimizacji").count()).toBe(0);
    expect(query("select id from customers where id = ? and anonymized_at is not null", customerId)).toEqual([]);

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
    expect(query("select count(*) as n from tasks where process_id = ?", processId)).toEqual([{ n: 1 }]);
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
  const { customerId, processId, bytes } = customerWithData(lastName);
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
  const [event] = query<{ address: string }>(
    "select address from audit_events where kind = 'sign_in' and user_id = ? order by id desc limit 1",
    seller.id,
  );
  expect(event.address).toBe("127.0.0.1");
});

test("Ustawienia: the administrator's wording is what a new consent keeps; Do anonimizacji lists the long inactive and anonymises the chosen ones", async () => {
  const page = await signedIn(admin, false);
  await page.goto("/ustawienia");
  const wording = `Zgoda na SMS salonu (wersja ${crypto.randomInt(1e6)})`;
  await page.getByLabel("Zgoda na SMS").fill(wording);
  await answered(page, false, () => page.getByRole("button", { name: "Zapisz" }).click(), "Zapisano ustawienia.");
  const { processId, customerId } = customerWithData(`Nowa${crypto.randomInt(1e6)}`);
  await page.goto(`/procesy/${processId}`);
  await answered(page, false, () => new ConsentsSection(page).save({ sms: true }), "Zapisano zmiany zgód.");
  expect(query("select text from consent_records where customer_id = ? and channel = 'sms'", customerId)).toEqual([
    { text: wording },
  ]);

  // Two customers gone quiet three years ago: one chosen, one left.
  const db = writableDb(server.dataDir);
  const old = Date.UTC(2020, 4, 1);
  const quiet = ["Cicha", "Milcząca"].map((name) => {
    const id = Number(
      db
        .prepare("insert into customers (first_name, last_name, created_at) values ('Olga', ?, ?)")
        .run(`${name}${crypto.randomInt(1e6)}`, old).lastInsertRowid,
    );
    db.prepare(
      "insert into processes (customer_id, source, owner_id, status, created_at, updated_at, last_activity_at, showroom_id) values (?, 'showroom', ?, 'delivered', ?, ?, ?, (select min(id) from showrooms))",
    ).run(id, seller.id, old, old, old);
    return id;
  });
  db.close();
  await page.goto("/klienci/do-anonimizacji");
  const [chosen, left] = quiet;
  const names = query<{ last_name: string }>(
    "select last_name from customers where id in (?, ?) order by id",
    chosen,
    left,
  );
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
  expect(query("select id from customers where anonymized_at is not null and id in (?, ?)", chosen, left)).toEqual([
    { id: chosen },
  ]);
});

test("the server logged no unhandled error meanwhile", () => {
  expect(serverErrors(server.logFile).filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
});
