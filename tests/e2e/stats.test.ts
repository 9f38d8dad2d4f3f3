import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { LoginPage } from "./pages/login-page";
import { StatsPage } from "./pages/stats-page";
import { launchBrowser, newContext } from "./support/chromium";
import { FIRST_SHOWROOM, joinShowroom } from "./support/db-fixtures";
import { serverPasswordHash } from "./support/password-hash";

let browser: Browser;
const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const PASSWORD = "haslo-statystyki";
const people: Record<"manager" | "ania" | "bartek", { id: number; email: string; name: string }> = {} as never;

/** Fixtures straight into the server's database: notes and processes belong to other features' UI. */
function seed() {
  const db = new Database(path.join(process.env.E2E_DATA_DIR!, "salon-crm.sqlite"));
  db.pragma("busy_timeout = 5000");
  const hash = serverPasswordHash(PASSWORD);
  const insertUser = db.prepare("INSERT INTO users (name, email, password_hash, role) VALUES (?, ?, ?, ?)");
  const add = (key: keyof typeof people, name: string, role: string) => {
    const email = `${key}-${unique}@stats.test`;
    people[key] = { id: Number(insertUser.run(name, email, hash, role).lastInsertRowid), email, name };
    joinShowroom(db, people[key].id);
  };
  db.transaction(() => {
    add("manager", `Magda Kierownik ${unique}`, "manager");
    add("ania", `Ania Handlowiec ${unique}`, "salesperson");
    add("bartek", `Bartek Handlowiec ${unique}`, "salesperson");
    const customer = Number(db.prepare("INSERT INTO customers (last_name) VALUES ('Nowak')").run().lastInsertRowid);
    const now = Date.now();
    const process = (ownerId: number) => {
      const id = Number(
        db
          .prepare(
            `INSERT INTO processes (customer_id, source, owner_id, created_at, showroom_id) VALUES (?, 'phone', ?, ?, ${FIRST_SHOWROOM})`,
          )
          .run(customer, ownerId, now).lastInsertRowid,
      );
      db.prepare(
        "INSERT INTO process_events (process_id, user_id, kind, to_value, created_at) VALUES (?, ?, 'created', 'new', ?)",
      ).run(id, ownerId, now);
      return id;
    };
    const note = db.prepare(
      "INSERT INTO notes (process_id, author_id, initiative, type, content, created_at) VALUES (?, ?, ?, ?, 'Rozmowa', ?)",
    );
    const aniaProcess = process(people.ania.id);
    note.run(aniaProcess, people.ania.id, "customer", "phone", now);
    note.run(aniaProcess, people.ania.id, "dealer", "email", now);
    note.run(aniaProcess, people.ania.id, "dealer", "test_drive", Date.UTC(2024, 5, 15, 10));
    const bartekProcess = process(people.bartek.id);
    note.run(bartekProcess, people.bartek.id, "customer", "sms", now);
  })();
  db.close();
}

beforeAll(async () => {
  seed();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function signedIn(who: keyof typeof people, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await new LoginPage(page).signInAs(people[who].email, PASSWORD);
  return { context, page, stats: new StatsPage(page) };
}

test("a manager sees everyone's activity, a total row and the funnel", async () => {
  const { context, stats } = await signedIn("manager");
  await stats.goto();
  await expect(stats.row(people.ania.id).textContent()).resolves.toContain(people.ania.name);
  await expect(stats.row(people.bartek.id).count()).resolves.toBe(1);
  await expect(stats.row(people.manager.id).count()).resolves.toBe(1);
  expect(await stats.cell(people.ania.id, "Aktywność")).toBe(2);
  expect(await stats.cell(people.ania.id, "Inicjatywa: Klient")).toBe(1);
  expect(await stats.cell(people.ania.id, "Rodzaj notatki: E-mail")).toBe(1);
  expect(await stats.cell(people.ania.id, "Procesy utworzone")).toBe(1);
  expect(await stats.cell(people.bartek.id, "Aktywność")).toBe(1);
  await expect(stats.totalRow().count()).resolves.toBe(1);
  expect(Number(await stats.funnelCount("new").textContent())).toBeGreaterThanOrEqual(2);
  await expect(stats.page.getByRole("img", { name: "Lejek sprzedaży" }).count()).resolves.toBe(1);

  // One salesperson's detail: the per-day chart and table.
  await stats.row(people.ania.id).getByRole("link").click();
  await stats.page.waitForURL(`**/statystyki/${people.ania.id}?**`);
  await expect(stats.page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(people.ania.name);
  await expect(stats.page.getByRole("img", { name: /Aktywność dzienna/ }).count()).resolves.toBe(1);
  await context.close();
});

test("a salesperson sees only their own row and nobody else's detail or CSV", async () => {
  const { context, page, stats } = await signedIn("ania");
  await stats.goto();
  await expect(stats.activityRows().count()).resolves.toBe(1);
  await expect(stats.row(people.ania.id).count()).resolves.toBe(1);
  expect(await stats.cell(people.ania.id, "Aktywność")).toBe(2);
  await expect(page.getByText(people.bartek.name).count()).resolves.toBe(0);

  const other = await page.goto(`/statystyki/${people.bartek.id}`);
  expect(other?.status()).toBe(404);
  const otherCsv = await page.request.get(`/statystyki/eksport?tabela=dni&uzytkownik=${people.bartek.id}`);
  expect(otherCsv.status()).toBe(404);

  const csv = await page.request.get("/statystyki/eksport?tabela=aktywnosc&okres=miesiac");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename=".*\.csv"$/);
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[0].split(";")[0]).toBe("Użytkownik");
  expect(lines.filter((line) => line.startsWith(people.ania.name))).toHaveLength(1);
  expect(lines.join("\n")).not.toContain(people.bartek.name);
  await context.close();
});

test("the period is a GET form that works without JavaScript", async () => {
  const { context, page, stats } = await signedIn("ania", { javaScriptEnabled: false });
  await stats.goto();
  await stats.showRange("2024-06-01", "2024-06-30");
  expect(await stats.cell(people.ania.id, "Aktywność")).toBe(1);
  expect(await stats.cell(people.ania.id, "Rodzaj notatki: Jazda próbna")).toBe(1);
  await expect(page.getByLabel("Od").inputValue()).resolves.toBe("2024-06-01");
  await context.close();
});
