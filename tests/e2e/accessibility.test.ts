import type { BrowserContext, Page } from "playwright-core";
import { transaction } from "@/db/client";
import { consentRecords } from "@/db/schema";
import { addDays, localDate } from "@/lib/time";
import { useServerDatabase } from "@/tests/support/database";
import {
  firstShowroomId,
  insertAllDayTask,
  insertCar,
  insertCarBooking,
  insertLeadSource,
  insertLeadSources,
  insertNote,
  insertNotification,
  insertOutage,
  insertProcess,
  insertTask,
  insertUser,
} from "@/tests/support/fixtures";
import { ADMIN } from "@/tests/support/server";
import { accessibilityViolations, unannouncedRequiredFields } from "./support/axe";
import { baseURL, newContext, useBrowser } from "./support/chromium";
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
  {
    name: "Procesy, a hand-over sent with nothing chosen",
    path: () => "/procesy",
    who: ["manager"],
    then: async (page) => {
      await page.getByRole("button", { name: "Zmień opiekuna zaznaczonych" }).click();
      await page.getByText("Zaznacz co najmniej jeden proces.").first().waitFor();
    },
  },
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
    name: "Zmień termin",
    path: (w) => `/procesy/${w.openProcess}/zadania/${w.plannedTask}/termin`,
    who: ["salesperson", "manager"],
  },
  {
    name: "Zmień termin, after a save with errors",
    path: (w) => `/procesy/${w.openProcess}/zadania/${w.plannedTask}/termin`,
    who: ["salesperson"],
    then: async (page) => {
      await page.getByLabel("Godzina zakończenia").fill("00:01");
      await page.getByRole("button", { name: "Zapisz" }).click();
      await page.getByText("Popraw zaznaczone pola.").first().waitFor();
    },
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
  { name: "Duplikaty", path: () => "/procesy/duplikaty", who: ["manager", "admin"] },
  {
    name: "Duplikaty, after Połącz",
    path: (world) => `/procesy/duplikaty?polaczono=${world.openCustomer}`,
    who: ["manager"],
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

useServerDatabase();
const browser = useBrowser();
let world: World;
/** Signed-in contexts, closed with the browser. */
const sessions = new Map<string, Promise<BrowserContext>>();

beforeAll(async () => {
  world = await buildWorld();
});

/** A salesperson's working week: an open and a delivered process, planned, overdue and done tasks, notes, notifications. */
async function buildWorld(): Promise<World> {
  const seller = await insertUser("salesperson", { name: "Dorota Dostępna" });
  const manager = await insertUser("manager", { name: "Marian Menedżer" });
  const open = await insertProcess(seller.id, { status: "in_progress" });
  const closedProcess = (await insertProcess(seller.id, { status: "delivered" })).id;
  const openProcess = open.id;
  const today = localDate();
  const now = Date.now();
  const timed = (goal: "test_drive" | "phone_contact", start: number, done?: number) =>
    insertTask(openProcess, seller.id, {
      goal,
      startAt: new Date(start),
      dueAt: new Date(start),
      ...(done === undefined ? {} : { state: "done" as const, doneAt: new Date(done), doneById: seller.id }),
    });
  const plannedTask = (await timed("test_drive", now + 2 * 3_600_000)).id;
  await timed("phone_contact", now - 26 * 3_600_000);
  await insertAllDayTask(openProcess, seller.id, addDays(today, 1), { goal: "offer_presentation" });
  const doneTask = (await timed("phone_contact", now - 3_600_000, now - 1_800_000)).id;
  const note = await insertNote(openProcess, manager.id, {
    content: "Klient oddzwonił, pyta o kolory.",
    taskId: doneTask,
    createdAt: new Date(now - 1_800_000),
  });
  // The test drive has a demo car booked, with a period out of service next week ("Flota demo", the agreement).
  const car = await insertCar({ registration: `WD${seller.id}A11`.slice(0, 10), version: "Style" });
  await insertCarBooking(car.id, plannedTask, {
    startAt: new Date(now + 2 * 3_600_000),
    endAt: new Date(now + 2.5 * 3_600_000),
  });
  await insertOutage(car.id, addDays(today, 7), addDays(today, 8));
  for (const message of ["Marian Menedżer dodał(a) notatkę.", "Marian Menedżer zaplanował(a) dla Ciebie zadanie."])
    await insertNotification({
      userId: seller.id,
      processId: openProcess,
      noteId: note.id,
      actorId: manager.id,
      message,
    });
  await insertNotification({ userId: manager.id, processId: openProcess, message: "Nowe zadanie zespołu." });
  const openCustomer = open.customerId;
  await transaction((tx) =>
    tx.insert(consentRecords).values({
      customerId: openCustomer,
      channel: "email",
      granted: true,
      recordedById: seller.id,
      source: "showroom",
      text: "Zgoda na e-mail",
    }),
  );
  // "Duplikaty": two customers sharing a phone.
  for (const lastName of ["Podwójna", "Podwójny"])
    await insertProcess(seller.id, { customer: { firstName: "Dana", lastName, phone: "+48601777888" } });
  const twoStep = await insertUser("salesperson", { name: "Dariusz Dwuetapowy", totpSecret: "JBSWY3DPEHPK3PXP" });
  const formSource = await insertLeadSource({ name: "Strona salonu (dostępność)", kind: "web_form" });
  // A lead through the API, so "Statystyki" lists its salesperson, whose name is longer than a phone is wide.
  const longNamed = await insertUser("salesperson", { name: "Konstanty Brzęczyszczykiewicz-Wielkopolski" });
  const { apiKey } = await insertLeadSources(await firstShowroomId(), longNamed.id);
  const lead = await fetch(new URL("/api/leads", baseURL()), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ firstName: "Lena", lastName: "Leadowa", phone: "+48601555444" }),
  });
  if (lead.status !== 201) throw new Error(`The lead was refused: ${lead.status} ${await lead.text()}`);
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
