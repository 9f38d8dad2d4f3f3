import type Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";
import { accessibilityViolations, unannouncedRequiredFields } from "./support/axe";
import { ADMIN, newContext, useBrowser } from "./support/chromium";
import { insertNotification, insertTask, insertUser, useServerDb } from "./support/db-fixtures";
import { insertProcess } from "./support/tasks-fixtures";
import { LoginPage } from "./pages/login-page";
import { TaskFormPage } from "./pages/task-form-page";

// Every page of the app, as each role that sees something different on it, passes axe-core's WCAG 2.1 A
// and AA rules with no violation, on a desktop screen and on a 360 px phone. A new page joins by a line
// in PAGES.

type Who = "anonymous" | "salesperson" | "manager" | "admin";

type World = {
  seller: { id: number; email: string; password: string };
  manager: { id: number; email: string; password: string };
  /** Signs in with "Weryfikacja dwuetapowa": the password, then the code step. */
  twoStep: { id: number; email: string; password: string };
  openProcess: number;
  closedProcess: number;
  plannedTask: number;
  doneTask: number;
  openCustomer: number;
  /** A "Formularz WWW" lead source (the public enquiry form). */
  formSource: number;
};

type PageCase = {
  name: string;
  path: (world: World) => string;
  who: Who[];
  /** What a user does first, for a state of the page worth checking (a form with errors). */
  then?: (page: Page) => Promise<void>;
};

const PAGES: PageCase[] = [
  { name: "sign-in", path: () => "/login", who: ["anonymous"] },
  { name: "Procesy", path: () => "/procesy", who: ["salesperson", "manager"] },
  { name: "Procesy, filtered", path: () => "/procesy?flag=overdue&status=in_progress", who: ["manager"] },
  { name: "Nowy proces", path: () => "/procesy/nowy", who: ["salesperson", "manager"] },
  { name: "process panel", path: (w) => `/procesy/${w.openProcess}`, who: ["salesperson", "manager", "admin"] },
  { name: "Planowanie zadań", path: (w) => `/procesy/${w.openProcess}/planowanie`, who: ["salesperson"] },
  {
    name: "Planowanie zadań, after a save with errors",
    path: (w) => `/procesy/${w.openProcess}/planowanie`,
    who: ["salesperson"],
    then: async (page) => {
      const form = new TaskFormPage(page);
      await form.save();
      await form.message().waitFor();
    },
  },
  {
    name: "Planowanie zadań on a delivered process",
    path: (w) => `/procesy/${w.closedProcess}/planowanie`,
    who: ["salesperson"],
  },
  {
    name: "Wykonanie zadania",
    path: (w) => `/procesy/${w.openProcess}/zadania/${w.plannedTask}/wykonaj`,
    who: ["salesperson"],
  },
  {
    name: "Wykonanie zadania of a done task",
    path: (w) => `/procesy/${w.openProcess}/zadania/${w.doneTask}/wykonaj`,
    who: ["salesperson"],
  },
  {
    name: "Umowa jazdy próbnej",
    path: (w) => `/procesy/${w.openProcess}/zadania/${w.plannedTask}/umowa`,
    who: ["salesperson"],
  },
  { name: "Flota demo", path: () => "/flota", who: ["salesperson", "manager"] },
  {
    name: "Flota demo, after adding a car with errors",
    path: () => "/flota",
    who: ["manager"],
    then: async (page) => {
      await page.getByRole("button", { name: "Dodaj", exact: true }).click();
      await page.getByText("Popraw zaznaczone pola.").first().waitFor();
    },
  },
  { name: "Kalendarz floty", path: () => "/flota/kalendarz", who: ["salesperson", "manager"] },
  { name: "Moje zadania", path: () => "/zadania", who: ["salesperson", "manager"] },
  { name: "Moje zadania, everyone's", path: () => "/zadania?uzytkownik=all", who: ["manager"] },
  { name: "Kalendarz", path: () => "/kalendarz", who: ["salesperson", "manager"] },
  { name: "Statystyki", path: () => "/statystyki", who: ["salesperson", "manager"] },
  { name: "a user's Statystyki", path: (w) => `/statystyki/${w.seller.id}`, who: ["manager"] },
  { name: "Powiadomienia", path: () => "/powiadomienia", who: ["salesperson"] },
  { name: "Użytkownicy", path: () => "/uzytkownicy", who: ["admin"] },
  { name: "Salony", path: () => "/salony", who: ["admin"] },
  { name: "Statystyki with the showrooms compared", path: () => "/statystyki", who: ["admin"] },
  { name: "Anonimizuj klienta", path: (w) => `/klienci/${w.openCustomer}/anonimizacja`, who: ["admin"] },
  {
    name: "Anonimizuj klienta, after a submit with errors",
    path: (w) => `/klienci/${w.openCustomer}/anonimizacja`,
    who: ["admin"],
    then: async (page) => {
      await page.getByRole("button", { name: "Anonimizuj klienta" }).click();
      await page.getByText("Podaj powód anonimizacji.").first().waitFor();
    },
  },
  { name: "Do anonimizacji", path: () => "/klienci/do-anonimizacji", who: ["admin"] },
  { name: "Dziennik zdarzeń", path: () => "/dziennik", who: ["admin"] },
  { name: "Ustawienia", path: () => "/ustawienia", who: ["admin"] },
  { name: "Źródła leadów", path: () => "/zrodla-leadow", who: ["admin"] },
  { name: "a lead source's log", path: (w) => `/zrodla-leadow/${w.formSource}`, who: ["admin"] },
  {
    name: "the enquiry form, sent empty",
    path: (w) => `/formularz/${w.formSource}`,
    who: ["anonymous"],
    then: async (page) => {
      await page.getByRole("button", { name: "Wyślij" }).click();
      await page.getByText("Podaj telefon albo e-mail.").first().waitFor();
    },
  },
  { name: "not found", path: () => "/nie-ma-takiej-strony", who: ["anonymous", "salesperson"] },
  { name: "a process not found", path: () => "/procesy/999999999", who: ["salesperson"] },
  { name: "Moje konto", path: () => "/konto", who: ["salesperson", "admin"] },
  {
    name: "Moje konto, scanning the QR code",
    path: () => "/konto",
    who: ["manager"],
    then: async (page) => {
      const start = page.getByRole("button", { name: "Włącz weryfikację dwuetapową" });
      if (await start.count()) await start.click();
      await page.getByRole("img", { name: "Kod QR dla aplikacji uwierzytelniającej" }).waitFor();
    },
  },
  // Last: the code step's cookie stays with the anonymous visitor (for /login only) for five minutes.
  {
    name: "sign-in, the code step",
    path: () => "/login",
    who: ["anonymous"],
    then: async (page) => {
      await new LoginPage(page).signIn(world.twoStep.email, world.twoStep.password);
      await page.getByLabel("Kod weryfikacyjny").waitFor();
    },
  },
];

const browser = useBrowser();
const db = useServerDb();
let world: World;
/** Signed-in contexts, closed with the browser. */
const sessions = new Map<string, Promise<BrowserContext>>();

beforeAll(() => {
  world = buildWorld(db());
});

/** A salesperson's working week: an open and a delivered process, planned, overdue and done tasks, notes, notifications. */
function buildWorld(db: Database.Database): World {
  const seller = insertUser(db, "salesperson", "Dorota Dostępna");
  const manager = insertUser(db, "manager", "Marian Menedżer");
  const openProcess = insertProcess(db, seller.id, "in_progress").id;
  const closedProcess = insertProcess(db, seller.id, "delivered").id;
  const today = localDate();
  const now = Date.now();
  const plannedTask = insertTask(db, {
    processId: openProcess,
    assigneeId: seller.id,
    goal: "test_drive",
    start: new Date(now + 2 * 3_600_000),
  });
  insertTask(db, {
    processId: openProcess,
    assigneeId: seller.id,
    goal: "phone_contact",
    start: new Date(now - 26 * 3_600_000),
  });
  insertTask(db, {
    processId: openProcess,
    assigneeId: seller.id,
    goal: "offer_presentation",
    allDay: { date: addDays(today, 1), midnight: startOfLocalDay(addDays(today, 1)) },
  });
  // The test drive has a demo car booked, with a period out of service next week ("Flota demo", the agreement).
  const car = db
    .prepare(
      "insert into demo_cars (showroom_id, make, model, version, registration, vin) values ((select min(id) from showrooms), 'Škoda', 'Octavia', 'Style', ?, ?)",
    )
    .run(`WD${seller.id}A11`.slice(0, 10), `TMBJR7NX5P0${String(seller.id).padStart(6, "0")}`).lastInsertRowid;
  db.prepare("insert into car_bookings (car_id, task_id, start_at, end_at) values (?, ?, ?, ?)").run(
    car,
    plannedTask,
    now + 2 * 3_600_000,
    now + 2.5 * 3_600_000,
  );
  db.prepare(
    "insert into car_outages (car_id, from_date, to_date, start_at, end_at, reason) values (?, ?, ?, ?, ?, 'Serwis')",
  ).run(
    car,
    addDays(today, 7),
    addDays(today, 8),
    startOfLocalDay(addDays(today, 7)).getTime(),
    startOfLocalDay(addDays(today, 9)).getTime(),
  );
  const doneTask = insertTask(db, {
    processId: openProcess,
    assigneeId: seller.id,
    goal: "phone_contact",
    start: new Date(now - 3_600_000),
    state: "done",
  });
  db.prepare("update tasks set done_at = ?, done_by_id = ? where id = ?").run(now - 1_800_000, seller.id, doneTask);
  const note = db
    .prepare(
      "insert into notes (process_id, author_id, initiative, type, content, notify_owner, task_id, created_at) values (?, ?, 'customer', 'phone', ?, 1, ?, ?)",
    )
    .run(openProcess, manager.id, "Klient oddzwonił, pyta o kolory.", doneTask, now - 1_800_000);
  for (const message of ["Marian Menedżer dodał(a) notatkę.", "Marian Menedżer zaplanował(a) dla Ciebie zadanie."])
    insertNotification(db, {
      userId: seller.id,
      processId: openProcess,
      noteId: Number(note.lastInsertRowid),
      actorId: manager.id,
      message,
    });
  insertNotification(db, { userId: manager.id, processId: openProcess, message: "Nowe zadanie zespołu." });
  const { customer_id: openCustomer } = db
    .prepare("select customer_id from processes where id = ?")
    .get(openProcess) as { customer_id: number };
  db.prepare(
    "insert into consent_records (customer_id, channel, granted, recorded_by_id, source, text) values (?, 'email', 1, ?, 'showroom', 'Zgoda na e-mail')",
  ).run(openCustomer, seller.id);
  const twoStep = insertUser(db, "salesperson", "Dariusz Dwuetapowy");
  db.prepare("update users set totp_secret = 'JBSWY3DPEHPK3PXP' where id = ?").run(twoStep.id);
  const formSource = Number(
    db
      .prepare(
        "insert into lead_sources (name, kind, showroom_id, process_source) values ('Strona salonu (dostępność)', 'web_form', (select min(id) from showrooms), 'website')",
      )
      .run().lastInsertRowid,
  );
  return { seller, manager, twoStep, openProcess, closedProcess, plannedTask, doneTask, openCustomer, formSource };
}

function credentials(who: Exclude<Who, "anonymous">) {
  if (who === "admin") return { email: ADMIN.email, password: ADMIN.password };
  return world[who === "salesperson" ? "seller" : "manager"];
}

const cases = PAGES.flatMap((page) => page.who.map((who) => ({ ...page, who })));

/** One signed-in browser context per person and screen, shared by that person's pages. */
function sessionOf(who: Who, mobile: boolean): Promise<BrowserContext> {
  const key = `${who} ${mobile}`;
  if (!sessions.has(key))
    sessions.set(
      key,
      (async () => {
        const context = await newContext(browser(), { mobile });
        if (who !== "anonymous") {
          const { email, password } = credentials(who);
          const page = await context.newPage();
          await new LoginPage(page).signInAs(email, password);
          await page.close();
        }
        return context;
      })(),
    );
  return sessions.get(key)!;
}

describe.each([
  ["a desktop screen", false],
  ["a 360 px phone", true],
] as const)("on %s", (_screen, mobile) => {
  test.each(cases.map((c) => [`${c.name} as ${c.who}`, c] as const))(
    "%s has no WCAG 2.1 A/AA violation and says which fields are required",
    async (_name, c) => {
      const page = await (await sessionOf(c.who, mobile)).newPage();
      try {
        const path = c.path(world);
        await page.goto(path);
        await page.waitForLoadState("load");
        expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
        await c.then?.(page);
        expect(await accessibilityViolations(page)).toEqual([]);
        // axe does not ask for it, but the asterisk is hidden from screen readers: aria-required says it.
        expect(await unannouncedRequiredFields(page)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});
