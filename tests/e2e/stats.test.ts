import type { Browser } from "playwright-core";
import { transaction } from "@/db/client";
import { recordProcessEvent } from "@/lib/processes/events";
import { useServerDatabase } from "@/tests/support/database";
import { insertNote, insertProcess, insertUser, type TestUser } from "@/tests/support/fixtures";
import { StatsPage } from "./pages/stats-page";
import { launchBrowser, signedIn } from "./support/chromium";

useServerDatabase();
let browser: Browser;
const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
const people: Record<"manager" | "ania" | "bartek", TestUser> = {} as never;

/** Fixtures straight into the server's database: notes and processes belong to other features' UI. */
async function seed() {
  people.manager = await insertUser("manager", { name: `Magda Kierownik ${unique}` });
  people.ania = await insertUser("salesperson", { name: `Ania Handlowiec ${unique}` });
  people.bartek = await insertUser("salesperson", { name: `Bartek Handlowiec ${unique}` });
  const now = new Date();
  const process = async (ownerId: number) => {
    const { id } = await insertProcess(ownerId, {
      customer: { firstName: "", lastName: "Nowak" },
      vehicle: { brand: "", model: "" },
    });
    await transaction((tx) =>
      recordProcessEvent(tx, { processId: id, userId: ownerId, kind: "created", to: "new", at: now }),
    );
    return id;
  };
  const note = (
    processId: number,
    authorId: number,
    initiative: "customer" | "dealer",
    type: "phone" | "email" | "test_drive" | "sms",
    at = now,
  ) => insertNote(processId, authorId, { initiative, type, content: "Rozmowa", notifyOwner: false, createdAt: at });
  const aniaProcess = await process(people.ania.id);
  await note(aniaProcess, people.ania.id, "customer", "phone");
  await note(aniaProcess, people.ania.id, "dealer", "email");
  await note(aniaProcess, people.ania.id, "dealer", "test_drive", new Date(Date.UTC(2024, 5, 15, 10)));
  const bartekProcess = await process(people.bartek.id);
  await note(bartekProcess, people.bartek.id, "customer", "sms");
}

beforeAll(async () => {
  await seed();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function statsAs(who: keyof typeof people, options: { javaScriptEnabled?: boolean } = {}) {
  const page = await signedIn(browser, people[who], options);
  return { context: page.context(), page, stats: new StatsPage(page) };
}

test("a manager sees everyone's activity, a total row and the funnel", async () => {
  const { context, stats } = await statsAs("manager");
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
  const { context, page, stats } = await statsAs("ania");
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
  const { context, page, stats } = await statsAs("ania", { javaScriptEnabled: false });
  await stats.goto();
  await stats.showRange("2024-06-01", "2024-06-30");
  expect(await stats.cell(people.ania.id, "Aktywność")).toBe(1);
  expect(await stats.cell(people.ania.id, "Rodzaj notatki: Jazda próbna")).toBe(1);
  await expect(page.getByLabel("Od").inputValue()).resolves.toBe("2024-06-01");
  await context.close();
});
