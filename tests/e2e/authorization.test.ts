import crypto from "node:crypto";
import { count, eq } from "drizzle-orm";
import type { APIRequestContext, Browser } from "playwright-core";
import { getDb, transaction } from "@/db/client";
import { processes, users } from "@/db/schema";
import { authenticatorCode } from "@/tests/support/authenticator";
import {
  insertCar,
  insertCarBooking,
  insertImport,
  insertLeadSources,
  insertNotification,
  insertOutage,
  insertProcess,
  insertShowroom,
  insertSignInFailures,
  insertTask,
  insertUser,
} from "@/tests/support/fixtures";
import { launchBrowser, signedIn } from "./support/chromium";
import {
  actionIds,
  buildSecondShowroom,
  buildWorld,
  FRAMEWORK_NOISE,
  serverErrors,
  callAction,
  fingerprint,
  insertPerson,
  ownServer,
  type OwnServer,
  type Person,
  type SecondShowroom,
  type World,
} from "./support/attack-kit";

// Who may do what: every page, action, route and download, as each role, as a deactivated user (whose
// session cookie was minted before the deactivation) and anonymously, against the expected answer, and
// for actions whether the database changed. Two showrooms: everyone works in the first (A) but
// "managerB", who manages the second (B) only; B has a salesperson and a process of its own. One table,
// one server of its own.

type Actor = "ownerA" | "otherB" | "manager" | "managerB" | "admin" | "deactivated" | "anonymous";
const ACTORS: Actor[] = ["ownerA", "otherB", "manager", "managerB", "admin", "deactivated", "anonymous"];

/** What came back: a status, "login" (sent to sign in), "→path" (another redirect), or an action's outcome. */
type Answer =
  | number
  | "login"
  | `→${string}`
  | "ok"
  | "Nie znaleziono"
  | "Nie masz uprawnień"
  | "Sesja wygasła"
  | `error: ${string}`;

let server: OwnServer;
let browser: Browser;
let world: World;
let north: SecondShowroom;
const request = {} as Record<Actor, APIRequestContext>;

beforeAll(async () => {
  // "Do anonimizacji" needs a retention period.
  server = await ownServer({ RETENTION_MONTHS: "24" });
  world = await buildWorld();
  north = await buildSecondShowroom(world);
  browser = await launchBrowser();
  for (const actor of ACTORS) {
    request[actor] =
      actor === "anonymous"
        ? (await browser.newContext({ baseURL: server.baseURL })).request
        : (await signedIn(browser, personOf(actor)!, { baseURL: server.baseURL })).context().request;
  }
}, 120_000);

/** Who a caller is signed in as; nobody for an anonymous visitor. */
function personOf(actor: Actor): Person | null {
  if (actor === "anonymous") return null;
  return actor === "managerB" ? north.manager : world[actor];
}
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function redirectAnswer(location: string): Answer {
  const target = new URL(location, server.baseURL).pathname;
  return target === "/login" ? "login" : `→${target}`;
}

async function get(actor: Actor, url: string): Promise<Answer> {
  // next-auth clears the cookie of an ended session (the deactivated user's): ask from a copy, so that the
  // actors keep their cookies for the actions below.
  const from = url.startsWith("/api/auth/")
    ? (await browser.newContext({ baseURL: server.baseURL, storageState: await request[actor].storageState() })).request
    : request[actor];
  const response = await from.get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = response.status();
  if (status >= 300 && status < 400) return redirectAnswer(response.headers()["location"] ?? "");
  return status;
}

/** Fixtures made fresh for one cell of the table (a task to execute, a notification to open, …). */
async function freshTask(): Promise<number> {
  return freshTaskOf(world.processA, world.ownerA.id);
}
async function freshNotification(userId: number): Promise<number> {
  return (await insertNotification({ userId, kind: "assigned", processId: world.processA, message: "Nowe" })).id;
}
/** The code an authenticator app shows now for the setup `userId` started ("Moje konto"). */
async function pendingCode(userId: number | undefined): Promise<string> {
  if (userId === undefined) return "000000";
  const [row] = await getDb().select({ secret: users.totpPendingSecret }).from(users).where(eq(users.id, userId));
  return row?.secret ? authenticatorCode(row.secret) : "000000";
}
/** A customer of A's who went quiet in 2020: due for anonymisation under RETENTION_MONTHS=24. */
async function freshQuietCustomer(): Promise<number> {
  const old = new Date(Date.UTC(2020, 0, 15));
  const process = await insertProcess(world.ownerA.id, {
    status: "delivered",
    showroomId: world.showroomA,
    customer: { firstName: "Cichy", lastName: "Klient", createdAt: old },
    columns: { source: "showroom", brand: "", model: "", createdAt: old, updatedAt: old, lastActivityAt: old },
  });
  return process.customerId;
}
function freshProcessRow(ownerId: number, showroomId = world.showroomA) {
  const customer = { firstName: "Ola", lastName: "Zmienna", email: `ola-${crypto.randomUUID()}@klient.test` };
  return insertProcess(ownerId, {
    showroomId,
    customer,
    vehicle: { brand: "Kia", model: "Ceed" },
    columns: { source: "phone" },
  });
}
async function freshProcess(ownerId: number, showroomId = world.showroomA): Promise<number> {
  return (await freshProcessRow(ownerId, showroomId)).id;
}
async function freshTaskOf(processId: number, assigneeId: number): Promise<number> {
  const due = new Date(Date.UTC(2030, 8, 1, 9, 0));
  return (
    await insertTask(processId, assigneeId, { startAt: due, endAt: new Date(due.getTime() + 1_800_000), dueAt: due })
  ).id;
}
/** An import of the manager's into showroom A: uploaded (columns to match) or done a moment ago (to undo). */
async function freshImport(state: "uploaded" | "done" = "uploaded"): Promise<number> {
  const { id } = await insertImport({
    userId: world.manager.id,
    showroomId: world.showroomA,
    defaultOwnerId: world.manager.id,
    state,
    finishedAt: state === "done" ? new Date() : null,
  });
  return id;
}

/** A demo car of showroom A, and a test drive of process A booked in it (for "Umowa jazdy próbnej"). */
async function freshCar(): Promise<number> {
  const n = crypto.randomInt(10_000_000, 99_999_999);
  const car = await insertCar({
    showroomId: world.showroomA,
    model: "Fabia",
    registration: `WA${n}`,
    vin: `TMBEG6NJ0${n}`,
  });
  return car.id;
}
async function freshBookedTask(carId: number): Promise<number> {
  const startAt = new Date(Date.UTC(2030, 8, 1, 9, 0));
  const endAt = new Date(startAt.getTime() + 1_800_000);
  const task = await insertTask(world.processA, world.ownerA.id, {
    goal: "test_drive",
    startAt,
    endAt,
    dueAt: startAt,
  });
  await insertCarBooking(carId, task.id, { startAt, endAt, licenceNumber: "01234/12/1234" });
  return task.id;
}
async function freshOutage(carId: number): Promise<number> {
  return (await insertOutage(carId, "2031-01-10", "2031-01-10")).id;
}

type ActionRow = {
  action: string;
  /** Tells rows of the same action apart. */
  label?: string;
  path: string;
  /** The bound id for this actor's call (made fresh if need be). */
  bound?: (actor: Actor) => number | Promise<number>;
  fields?: (actor: Actor) => [string, string][] | Promise<[string, string][]>;
  expect: Record<Actor, Answer>;
  /** Whether the database changes (default: when the answer is "ok"). */
  changes?: boolean | ((actor: Actor) => boolean);
};

/** The code step's answer without a password step before it (the form's message; no field errors). */
const CODE_EXPIRED = 'error: Czas na wpisanie kodu minął. Zaloguj się ponownie. "$undefined"';

const signedInAs = (answer: Answer, others: Partial<Record<Actor, Answer>> = {}): Record<Actor, Answer> => ({
  ownerA: answer,
  otherB: answer,
  manager: answer,
  managerB: answer,
  admin: answer,
  deactivated: "Sesja wygasła",
  anonymous: "login",
  ...others,
});
/** The same answer for every caller, signed in or not. */
const everyone = (answer: Answer): Record<Actor, Answer> =>
  signedInAs(answer, { deactivated: answer, anonymous: answer });

test("a manager's feed, lists, counts and statistics hold nothing of another showroom", async () => {
  const ownTask = await freshTaskOf(world.processA, world.manager.id);
  const feed = await request.anonymous.get(`/api/calendar/${north.feedSecretManagerA}.ics`);
  expect(feed.status()).toBe(200);
  const ics = await feed.text();
  expect(ics).toContain(`task-${ownTask}@`);
  expect(ics).not.toContain(`task-${north.strayTask}@`);

  const page = async (actor: Actor, url: string) => {
    const response = await request[actor].get(url);
    expect(response.status()).toBe(200);
    return response.text();
  };
  // B's customer is "Północna", its salesperson "Sebastian Północny"; A's customers "Annowa", "Bartkowa".
  for (const url of ["/procesy", "/zadania?uzytkownik=all", "/kalendarz?uzytkownik=wszyscy&tydzien=2030-06-03"]) {
    const html = await page("manager", url);
    expect(html).toContain("Annowa");
    expect(html).not.toContain("Północna");
    const other = await page("managerB", url);
    expect(other).toContain("Północna");
    expect(other).not.toContain("Annowa");
  }
  const counts = (html: string) => Number(/Wszystkie: (\d+)/.exec(html)?.[1]);
  const [{ n: inA }] = await getDb()
    .select({ n: count() })
    .from(processes)
    .where(eq(processes.showroomId, world.showroomA));
  expect(counts(await page("manager", "/procesy"))).toBe(inA);
  expect(counts(await page("managerB", "/procesy"))).toBe(1);
  expect(counts(await page("admin", "/procesy"))).toBe(inA + 1);

  const stats = await page("manager", "/statystyki");
  expect(stats).toContain("Anna Sprzedawczyni");
  expect(stats).not.toContain("Sebastian Północny");
  const statsB = await page("managerB", "/statystyki");
  expect(statsB).toContain("Sebastian Północny");
  expect(statsB).not.toContain("Anna Sprzedawczyni");
  const csv = await page("manager", "/statystyki/eksport?tabela=aktywnosc");
  expect(csv).not.toContain("Sebastian Północny");
  // Only showrooms of one's own in the pick-lists.
  for (const url of ["/procesy/nowy", "/procesy", "/statystyki", "/kalendarz"]) {
    expect(await page("manager", url)).not.toContain("Salon Północ");
  }
  expect(await page("admin", "/procesy")).toContain("Salon Północ");
  expect(await page("managerB", "/procesy/nowy")).toContain("Salon Północ");
}, 120_000);

test("every page, action, route and download answers each role, a deactivated user and an anonymous visitor as it should", async () => {
  const ids = actionIds();
  const A = world.processA;
  const panel = `/procesy/${A}`;
  const taskForm = (actor: Actor): [string, string][] => [
    ["submissionId", `authz-${actor}-${crypto.randomUUID()}`],
    ["initiative", "customer"],
    ["noteType", "phone"],
    ["content", `Notatka ${actor}`],
    ["goal", "phone_contact"],
    ["startDate", "2030-09-02"],
    ["startTime", "12:00"],
  ];
  // A salesperson whose role, password and activity the administrator changes.
  const target = await insertPerson("salesperson", "Celina Cel");
  const { id: showroomToDeactivate } = await insertShowroom({ name: "Salon do zamknięcia" });
  let phone = 600_200_300;
  const leads = await insertLeadSources(world.showroomA, world.ownerA.id);
  const carA = await freshCar();
  const bookedTask = await freshBookedTask(carA);
  let vin = 10_000_000;
  /** Two customers of A's sharing a phone ("Połącz"); the bound one also served in `alsoIn` if given. */
  let sharedPhone = 0;
  let pair = { bound: 0, other: 0 };
  const freshPair = async (alsoIn?: number): Promise<number> => {
    const phone = `+48601${String(++sharedPhone).padStart(6, "0")}`;
    const [first, second] = await Promise.all(
      ["Dubel", "Dublet"].map((lastName) =>
        insertProcess(world.ownerA.id, {
          showroomId: world.showroomA,
          customer: { firstName: "Dorota", lastName, phone },
        }),
      ),
    );
    if (alsoIn) await insertProcess(north.seller.id, { showroomId: alsoIn, customerId: first.customerId });
    pair = { bound: first.customerId, other: second.customerId };
    return pair.bound;
  };

  // The deactivated user signed in before the administrator deactivated them (through the real action).
  const deactivation = await callAction(request.admin, server.baseURL, {
    path: "/uzytkownicy",
    action: ids.setUserActive,
    bound: world.deactivated.id,
    fields: [],
  });
  expect(deactivation.state?.status).toBe("ok");

  const importA = await freshImport("done");
  const pages: [string, Record<Actor, Answer>][] = [
    // The start page sends everyone to the list (and the list anyone without a session to sign in).
    [
      "/",
      {
        ownerA: "→/procesy",
        otherB: "→/procesy",
        manager: "→/procesy",
        managerB: "→/procesy",
        admin: "→/procesy",
        deactivated: "→/procesy",
        anonymous: "→/procesy",
      },
    ],
    [
      "/login",
      {
        ownerA: "→/procesy",
        otherB: "→/procesy",
        manager: "→/procesy",
        managerB: "→/procesy",
        admin: "→/procesy",
        deactivated: 200,
        anonymous: 200,
      },
    ],
    ["/procesy", signedInAs(200, { deactivated: "login" })],
    // Someone else's processes are "not found" to a salesperson, even as a list filter.
    // … and another showroom's people to its manager.
    [
      `/procesy?owner=${world.otherB.id}&status=in_progress`,
      signedInAs(200, { ownerA: 404, managerB: 404, deactivated: "login" }),
    ],
    ["/procesy/nowy", signedInAs(200, { deactivated: "login" })],
    // "Importuj z pliku": managers and admins; an import is seen by its author, the managers of its showroom and admins.
    ["/procesy/import", signedInAs(404, { manager: 200, managerB: 200, admin: 200, deactivated: "login" })],
    [`/procesy/import/${importA}`, signedInAs(404, { manager: 200, admin: 200, deactivated: "login" })],
    // "Duplikaty": managers and admins.
    ["/procesy/duplikaty", signedInAs(404, { manager: 200, managerB: 200, admin: 200, deactivated: "login" })],
    [`/procesy/import/${importA}/raport`, signedInAs(404, { manager: 200, admin: 200, deactivated: "login" })],
    ["/procesy/import/999999", signedInAs(404, { deactivated: "login" })],
    // "Eksportuj": the list a user may see, as CSV.
    ["/procesy/eksport", signedInAs(200, { deactivated: "login" })],
    [
      `/procesy/eksport?status=new&owner=${world.otherB.id}`,
      signedInAs(200, { ownerA: 404, managerB: 404, deactivated: "login" }),
    ],
    [panel, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    [`/procesy/${world.processB}`, signedInAs(200, { ownerA: 404, managerB: 404, deactivated: "login" })],
    [`${panel}/planowanie`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    [`${panel}/zadania/${world.taskA}/wykonaj`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    [`/procesy/${world.processB}/zadania/${world.taskA}/wykonaj`, signedInAs(404, { deactivated: "login" })],
    // "Zmień termin" / "Usuń zadanie": the task's assignee and the managers who see its process.
    [`${panel}/zadania/${world.taskA}/termin`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    [`/procesy/${world.processB}/zadania/${world.taskA}/termin`, signedInAs(404, { deactivated: "login" })],
    ["/zadania", signedInAs(200, { deactivated: "login" })],
    ["/kalendarz", signedInAs(200, { deactivated: "login" })],
    ["/powiadomienia", signedInAs(200, { deactivated: "login" })],
    ["/statystyki", signedInAs(200, { deactivated: "login" })],
    [`/statystyki/${world.ownerA.id}`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    ["/uzytkownicy", signedInAs(404, { admin: 200, deactivated: "login" })],
    ["/konto", signedInAs(200, { deactivated: "login" })],
    ["/salony", signedInAs(404, { admin: 200, deactivated: "login" })],
    // Routes and downloads.
    [`/api/files/${world.fileA}`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    ["/api/notifications/unread", signedInAs(200, { deactivated: 401, anonymous: 401 })],
    [`/api/calendar/${world.feedSecretA}.ics`, signedInAs(200, { deactivated: 200, anonymous: 200 })],
    [`/api/calendar/${world.feedSecretA.slice(0, -2)}.ics`, signedInAs(404, { deactivated: 404, anonymous: 404 })],
    [`/statystyki/eksport?tabela=aktywnosc`, signedInAs(200, { deactivated: "login" })],
    [
      `/statystyki/eksport?tabela=dni&uzytkownik=${world.ownerA.id}`,
      signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" }),
    ],
    ["/api/auth/session", signedInAs(200, { deactivated: 200, anonymous: 200 })],
    // Customer data: export for managers and admins, anonymisation, the log and settings for admins.
    [
      `/klienci/${world.customerA}/eksport`,
      signedInAs(200, { ownerA: 404, otherB: 404, managerB: 404, deactivated: "login" }),
    ],
    [
      `/klienci/${world.customerB}/eksport`,
      signedInAs(200, { ownerA: 404, otherB: 404, managerB: 404, deactivated: "login" }),
    ],
    ["/klienci/999999/eksport", signedInAs(404, { deactivated: "login" })],
    [`/klienci/${world.customerA}/anonimizacja`, signedInAs(404, { admin: 200, deactivated: "login" })],
    ["/klienci/999999/anonimizacja", signedInAs(404, { deactivated: "login" })],
    ["/klienci/do-anonimizacji", signedInAs(404, { admin: 200, deactivated: "login" })],
    ["/dziennik", signedInAs(404, { admin: 200, deactivated: "login" })],
    [`/dziennik?uzytkownik=${world.ownerA.id}&rodzaj=sign_in`, signedInAs(404, { admin: 200, deactivated: "login" })],
    ["/ustawienia", signedInAs(404, { admin: 200, deactivated: "login" })],
    // Showroom B: "not found" to everyone but its manager and the admin (ownerA and otherB work in A).
    ...[
      `/procesy/${north.process}`,
      `/procesy/${north.process}/planowanie`,
      `/procesy/${north.process}/zadania/${north.task}/wykonaj`,
      `/procesy/${north.process}/zadania/${north.task}/termin`,
      `/procesy?salon=${north.showroom}`,
      `/procesy?owner=${north.seller.id}`,
      `/kalendarz?salon=${north.showroom}`,
      `/statystyki?salon=${north.showroom}`,
      `/statystyki/${north.seller.id}`,
      `/statystyki/eksport?tabela=aktywnosc&salon=${north.showroom}`,
      `/statystyki/eksport?tabela=dni&uzytkownik=${north.seller.id}`,
      `/procesy/eksport?salon=${north.showroom}`,
      `/api/files/${north.file}`,
    ].map((url): [string, Record<Actor, Answer>] => [
      url,
      signedInAs(404, { managerB: 200, admin: 200, deactivated: "login" }),
    ]),
    // A person of B: a salesperson's lists ignore whose they are asked to show (always their own).
    ...[`/zadania?uzytkownik=${north.seller.id}`, `/kalendarz?uzytkownik=${north.seller.id}`].map(
      (url): [string, Record<Actor, Answer>] => [url, signedInAs(200, { manager: 404, deactivated: "login" })],
    ),
    // Lead sources and their logs are an administrator's; a web form source's form is public.
    ["/zrodla-leadow", signedInAs(404, { admin: 200, deactivated: "login" })],
    [`/zrodla-leadow/${leads.api}`, signedInAs(404, { admin: 200, deactivated: "login" })],
    ["/zrodla-leadow/999999", signedInAs(404, { deactivated: "login" })],
    [`/formularz/${leads.form}`, signedInAs(200, { deactivated: 200, anonymous: 200 })],
    [`/formularz/${leads.api}`, signedInAs(404, { deactivated: 404, anonymous: 404 })],
    // "Flota demo": everyone sees it (the cars of their showrooms); the agreement only with the process.
    ["/flota", signedInAs(200, { deactivated: "login" })],
    ["/flota/kalendarz?tydzien=2030-09-02", signedInAs(200, { deactivated: "login" })],
    [`${panel}/zadania/${bookedTask}/umowa`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    [`/procesy/${north.process}/zadania/${bookedTask}/umowa`, signedInAs(404, { deactivated: "login" })],
    [`${panel}/zadania/${world.taskA}/umowa`, signedInAs(404, { deactivated: "login" })],
    [
      `/api/flota/wolne?proces=${A}&startDate=2030-09-02&startTime=10:00`,
      signedInAs(200, { otherB: 404, managerB: 404, deactivated: 401, anonymous: 401 }),
    ],
    // Comparing showrooms: for those who see more than one.
    [`/statystyki/eksport?tabela=salony`, signedInAs(404, { admin: 200, deactivated: "login" })],
  ];

  const actions: ActionRow[] = [
    {
      action: "changeStatusAction",
      path: panel,
      bound: () => freshProcess(world.ownerA.id),
      fields: () => [["status", "offer"]],
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    {
      action: "changeStatusAction",
      label: "showroom B",
      path: `/procesy/${north.process}`,
      bound: () => freshProcess(north.seller.id, north.showroom),
      fields: () => [["status", "offer"]],
      expect: signedInAs("Nie znaleziono", { managerB: "ok", admin: "ok" }),
    },
    {
      action: "changeOwnerAction",
      path: panel,
      bound: () => freshProcess(world.ownerA.id),
      fields: () => [["ownerId", String(world.otherB.id)]],
      // Reassigning is a manager's: the wrapper's roles refuse a salesperson before anything is loaded.
      expect: signedInAs("ok", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        managerB: "Nie znaleziono",
      }),
    },
    {
      action: "changeOwnerAction",
      label: "showroom B",
      path: `/procesy/${north.process}`,
      bound: () => freshProcess(north.seller.id, north.showroom),
      fields: () => [["ownerId", String(north.manager.id)]],
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        managerB: "ok",
        admin: "ok",
      }),
    },
    {
      action: "changeShowroomAction",
      path: panel,
      bound: () => freshProcess(world.ownerA.id),
      fields: () => [
        ["showroomId", String(north.showroom)],
        ["ownerId", String(north.seller.id)],
      ],
      // Moving a process takes a manager of both showrooms (here only the admin may).
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        manager: 'error: Popraw zaznaczone pola. {"showroomId":["Wybierz jeden ze swoich salonów."]}',
        admin: "ok",
      }),
    },
    // "Zmień opiekuna zaznaczonych": a manager's, over the processes they see; ticked, or all matching a filter.
    {
      action: "handOverAction",
      path: "/procesy",
      fields: async () => [
        ["scope", "selected"],
        ["ownerId", String(world.otherB.id)],
        ["processIds", String(await freshProcess(world.ownerA.id))],
      ],
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        manager: "ok",
        admin: "ok",
      }),
    },
    {
      action: "handOverAction",
      label: "showroom B",
      path: "/procesy",
      fields: async () => [
        ["scope", "selected"],
        ["ownerId", String(north.manager.id)],
        ["processIds", String(await freshProcess(north.seller.id, north.showroom))],
      ],
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        managerB: "ok",
        admin: "ok",
      }),
    },
    {
      action: "handOverAction",
      label: "all matching the filter",
      path: "/procesy",
      fields: async () => [
        ["scope", "filter"],
        ["ownerId", String(north.manager.id)],
        [
          "q",
          (
            await insertProcess(north.seller.id, {
              showroomId: north.showroom,
              customer: { lastName: `Filtrowa ${crypto.randomUUID().slice(0, 8)}` },
            })
          ).customerName,
        ],
        ["salon", String(north.showroom)],
      ],
      // A manager of A filtering by B's showroom asks for what they may not see.
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        managerB: "ok",
        admin: "ok",
      }),
    },
    {
      action: "createProcessAction",
      path: "/procesy/nowy",
      fields: () => [
        ["lastName", "Nowak"],
        ["phone", String(phone++)],
        ["source", "showroom"],
        ["showroomId", String(world.showroomA)],
      ],
      expect: signedInAs("ok", {
        managerB: 'error: Popraw zaznaczone pola. {"showroomId":["Wybierz jeden ze swoich salonów."]}',
      }),
    },
    {
      action: "createProcessAction",
      label: "showroom B",
      path: "/procesy/nowy",
      fields: () => [
        ["lastName", "Północny"],
        ["phone", String(phone++)],
        ["source", "showroom"],
        ["showroomId", String(north.showroom)],
        ["ownerId", String(north.seller.id)],
      ],
      expect: signedInAs('error: Popraw zaznaczone pola. {"showroomId":["Wybierz jeden ze swoich salonów."]}', {
        managerB: "ok",
        admin: "ok",
      }),
    },
    {
      action: "planTask",
      path: `${panel}/planowanie`,
      bound: () => A,
      fields: taskForm,
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    {
      action: "planTask",
      label: "showroom B",
      path: `/procesy/${north.process}/planowanie`,
      bound: () => north.process,
      fields: taskForm,
      expect: signedInAs("Nie znaleziono", { managerB: "ok", admin: "ok" }),
    },
    {
      action: "completeTask",
      path: `${panel}/zadania/${world.taskA}/wykonaj`,
      bound: () => freshTask(),
      fields: taskForm,
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    {
      action: "completeTask",
      label: "showroom B",
      path: `/procesy/${north.process}/zadania/${north.task}/wykonaj`,
      bound: () => freshTaskOf(north.process, north.seller.id),
      fields: taskForm,
      expect: signedInAs("Nie znaleziono", { managerB: "ok", admin: "ok" }),
    },
    {
      action: "moveTaskAction",
      path: `${panel}/zadania/${world.taskA}/termin`,
      bound: () => freshTask(),
      fields: () => [
        ["startDate", "2030-09-03"],
        ["startTime", "10:00"],
      ],
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    {
      action: "moveTaskAction",
      label: "showroom B",
      path: `/procesy/${north.process}/zadania/${north.task}/termin`,
      bound: () => freshTaskOf(north.process, north.seller.id),
      fields: () => [
        ["startDate", "2030-09-03"],
        ["startTime", "10:00"],
      ],
      expect: signedInAs("Nie znaleziono", { managerB: "ok", admin: "ok" }),
    },
    // Process A keeps other planned tasks, so each caller's fresh one may go.
    {
      action: "dropTaskAction",
      path: `${panel}/zadania/${world.taskA}/termin`,
      bound: () => freshTask(),
      fields: () => [],
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    {
      action: "dropTaskAction",
      label: "showroom B",
      path: `/procesy/${north.process}/zadania/${north.task}/termin`,
      bound: () => freshTaskOf(north.process, north.seller.id),
      fields: () => [],
      expect: signedInAs("Nie znaleziono", { managerB: "ok", admin: "ok" }),
    },
    // Only its recipient opens a notification (A's, fresh for each caller).
    {
      action: "openNotification",
      path: "/powiadomienia",
      bound: () => freshNotification(world.ownerA.id),
      expect: signedInAs("Nie znaleziono", { ownerA: "ok" }),
    },
    {
      action: "markAllNotificationsRead",
      path: "/powiadomienia",
      fields: async (actor) => {
        const person = personOf(actor);
        if (person) await freshNotification(person.id);
        return [];
      },
      expect: signedInAs("ok"),
    },
    { action: "createCalendarFeed", path: "/kalendarz", expect: signedInAs("ok") },
    { action: "revokeCalendarFeed", path: "/kalendarz", expect: signedInAs("ok") },
    {
      action: "addUser",
      path: "/uzytkownicy",
      fields: (actor) => [
        ["name", `Nowy ${actor}`],
        ["email", `nowy-${actor}@attack.test`],
        ["password", "dobre-haslo-123"],
        ["role", "admin"],
        ["showroomIds", String(world.showroomA)],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "changeUserRole",
      path: "/uzytkownicy",
      bound: () => target.id,
      fields: () => [["role", "manager"]],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "resetUserPassword",
      path: "/uzytkownicy",
      bound: () => target.id,
      fields: () => [["password", "nowe-haslo-456"]],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "setUserActive",
      path: "/uzytkownicy",
      bound: () => target.id,
      fields: () => [],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "setUserActive",
      label: "owning an open process",
      path: "/uzytkownicy",
      bound: async () => {
        const leaving = await insertUser("salesperson", { name: "Lena Odchodząca" });
        await freshProcess(leaving.id);
        return leaving.id;
      },
      fields: () => [["successorId", String(world.ownerA.id)]],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "saveConsentsAction",
      path: panel,
      bound: () => freshProcess(world.ownerA.id),
      fields: () => [
        ["phone", "on"],
        ["source", "showroom"],
      ],
      expect: signedInAs("ok", { otherB: "Nie znaleziono", managerB: "Nie znaleziono" }),
    },
    // Anonymising is an administrator's (it redirects to the panel: "ok").
    {
      action: "anonymizeCustomerAction",
      path: `/klienci/${world.customerA}/anonimizacja`,
      bound: async () => (await freshProcessRow(world.ownerA.id)).customerId,
      fields: () => [
        ["reason", "Żądanie klienta"],
        ["confirmation", "ANONIMIZUJ"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "anonymizeRetainedAction",
      path: "/klienci/do-anonimizacji",
      fields: async () => [
        ["customerIds", String(await freshQuietCustomer())],
        ["scope", "chosen"],
        ["confirmation", "ANONIMIZUJ"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "saveConsentTextsAction",
      path: "/ustawienia",
      fields: (actor) => [
        ["phone", `Zgoda na telefon (${actor})`],
        ["sms", "Zgoda na SMS"],
        ["email", "Zgoda na e-mail"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "setUserShowroomsAction",
      path: "/uzytkownicy",
      bound: () => target.id,
      fields: (actor) => [["showroomIds", String(actor === "admin" ? north.showroom : world.showroomA)]],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "addShowroom",
      path: "/salony",
      fields: (actor) => [
        ["name", `Salon ${actor}`],
        ["address", "ul. Nowa 1"],
        ["phone", "22 111 22 33"],
        ["opensAt", "08:00"],
        ["closesAt", "18:00"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "editShowroom",
      path: "/salony",
      bound: () => north.showroom,
      fields: (actor) => [
        ["name", `Salon Północ (${actor})`],
        ["address", "ul. Modlińska 1"],
        ["opensAt", "09:00"],
        ["closesAt", "17:00"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "setShowroomActiveAction",
      path: "/salony",
      bound: () => showroomToDeactivate,
      fields: () => [],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "saveImportAction",
      path: `/procesy/import/${importA}`,
      bound: () => freshImport(),
      fields: () => [
        ["showroomId", String(world.showroomA)],
        ["defaultOwnerId", String(world.manager.id)],
        ["taskDate", "2030-09-02"],
        ["mapping", "lastName"],
        ["intent", "preview"],
      ],
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        manager: "ok",
        admin: "ok",
      }),
    },
    {
      action: "undoImportAction",
      path: `/procesy/import/${importA}`,
      bound: () => freshImport("done"),
      fields: () => [],
      expect: signedInAs("Nie znaleziono", {
        ownerA: "Nie masz uprawnień",
        otherB: "Nie masz uprawnień",
        manager: "ok",
        admin: "ok",
      }),
    },
    // "Połącz" of "Duplikaty": managers and admins, of customers whose every process they see.
    {
      action: "mergeCustomersAction",
      label: "customers of showroom A",
      path: "/procesy/duplikaty",
      bound: () => freshPair(),
      fields: () => [
        ["otherId", String(pair.other)],
        ["keep", String(pair.bound)],
      ],
      expect: signedInAs("Nie masz uprawnień", { manager: "ok", admin: "ok", managerB: "Nie znaleziono" }),
    },
    {
      action: "mergeCustomersAction",
      label: "one of them also served in showroom B",
      path: "/procesy/duplikaty",
      bound: () => freshPair(north.showroom),
      fields: () => [
        ["otherId", String(pair.other)],
        ["keep", String(pair.other)],
      ],
      expect: signedInAs("Nie masz uprawnień", {
        manager:
          'error: Klient ma procesy w salonie, którego nie widzisz: połączyć tych klientów może administrator. Nic nie zmieniono. "$undefined"',
        managerB: "Nie znaleziono",
        admin: "ok",
      }),
    },
    // "Flota demo" is edited by the managers of its showroom and the administrator.
    {
      action: "addCar",
      path: "/flota",
      fields: () => [
        ["showroomId", String(world.showroomA)],
        ["make", "Kia"],
        ["model", "Ceed"],
        ["registration", `WB${++vin}`],
        ["vin", `U5YH2512AAL${String(vin).slice(-6)}`],
      ],
      expect: signedInAs("Nie masz uprawnień", {
        manager: "ok",
        admin: "ok",
        managerB: 'error: Popraw zaznaczone pola. {"showroomId":["Wybierz jeden ze swoich salonów."]}',
      }),
    },
    {
      action: "editCar",
      path: "/flota",
      bound: () => carA,
      fields: (actor) => [
        ["showroomId", String(world.showroomA)],
        ["make", "Škoda"],
        ["model", "Fabia"],
        ["version", `Wersja ${actor}`],
        ["registration", `WA${carA}X`],
        ["vin", `TMBEG6NJ0${String(carA).padStart(8, "0")}`],
      ],
      expect: signedInAs("Nie masz uprawnień", { manager: "ok", admin: "ok", managerB: "Nie znaleziono" }),
    },
    {
      action: "addCarOutage",
      path: "/flota",
      bound: () => carA,
      fields: (actor) => [
        ["fromDate", "2031-02-01"],
        ["toDate", "2031-02-02"],
        ["reason", `Serwis ${actor}`],
      ],
      expect: signedInAs("Nie masz uprawnień", { manager: "ok", admin: "ok", managerB: "Nie znaleziono" }),
    },
    {
      action: "removeCarOutage",
      path: "/flota",
      bound: () => freshOutage(carA),
      expect: signedInAs("Nie masz uprawnień", { manager: "ok", admin: "ok", managerB: "Nie znaleziono" }),
    },
    // An administrator's: forgetting a user's failed sign-ins (made fresh for each caller), and turning
    // off their "Weryfikacja dwuetapowa" (turned on for each caller).
    {
      action: "unblockUserSignIn",
      path: "/uzytkownicy",
      bound: () => target.id,
      fields: async () => {
        await insertSignInFailures(target.email, "203.0.113.1", 11);
        return [];
      },
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "resetUserTwoFactor",
      path: "/uzytkownicy",
      bound: async () => {
        await transaction((tx) =>
          tx.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP" }).where(eq(users.id, target.id)),
        );
        return target.id;
      },
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "addLeadSource",
      path: "/zrodla-leadow",
      fields: (actor) => [
        ["name", `Źródło ${actor}`],
        ["kind", "api"],
        ["showroomId", String(world.showroomA)],
        ["processSource", "website"],
        ["firstContactMinutes", "30"],
        ["rateLimitPerMinute", "60"],
        ["assigneeIds", String(world.ownerA.id)],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "editLeadSource",
      path: "/zrodla-leadow",
      bound: () => leads.api,
      fields: (actor) => [
        ["name", `Źródło API (${actor})`],
        ["showroomId", String(world.showroomA)],
        ["processSource", "listing_portal"],
        ["firstContactMinutes", "15"],
        ["rateLimitPerMinute", "100000"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "changeApiKey",
      path: "/zrodla-leadow",
      bound: async () => (await insertLeadSources(world.showroomA, world.ownerA.id)).api,
      fields: () => [["revoke", "on"]],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    // The public enquiry form: anyone, signed in or not.
    {
      action: "sendEnquiry",
      path: `/formularz/${leads.form}`,
      bound: () => leads.form,
      fields: () => [
        ["firstName", "Ola"],
        ["phone", String(phone++)],
        ["consentEmail", "on"],
      ],
      expect: {
        ownerA: "ok",
        otherB: "ok",
        manager: "ok",
        managerB: "ok",
        admin: "ok",
        deactivated: "ok",
        anonymous: "ok",
      },
    },
    // Anyone may try to sign in: a session (a row) for the right password; every attempt is written to
    // "Dziennik zdarzeń" (a failure also counts in sign_in_failures).
    {
      action: "signIn",
      path: "/login",
      fields: () => [
        ["email", world.ownerA.email],
        ["password", world.ownerA.password],
      ],
      expect: everyone("ok"),
    },
    // The code step answers only whoever passed the password step a moment ago (nobody here).
    {
      action: "signInCode",
      path: "/login",
      fields: () => [["code", "123456"]],
      expect: everyone(CODE_EXPIRED),
    },
    {
      action: "cancelSignIn",
      path: "/login",
      expect: everyone("login"),
    },
    // "Moje konto": every signed-in user's own. Last, in this order: two-step sign-in on and off again,
    // the password changed, and every session ended.
    { action: "startTwoFactorAction", path: "/konto", expect: signedInAs("ok") },
    {
      action: "confirmTwoFactorAction",
      path: "/konto",
      fields: async (actor) => [["code", await pendingCode(personOf(actor)?.id)]],
      expect: signedInAs("ok"),
    },
    {
      action: "disableTwoFactorAction",
      path: "/konto",
      fields: (actor) => [["currentPassword", personOf(actor)?.password ?? "x"]],
      expect: signedInAs("ok"),
    },
    {
      action: "changePasswordAction",
      path: "/konto",
      fields: (actor) => [
        ["currentPassword", personOf(actor)?.password ?? "x"],
        ["newPassword", "calkiem-nowe-haslo-1"],
      ],
      expect: signedInAs("ok"),
    },
    {
      action: "signOutEverywhereAction",
      path: "/konto",
      // Sent to sign in, every session of the caller deleted.
      expect: signedInAs("login", { deactivated: "Sesja wygasła" }),
      changes: (actor) => !["deactivated", "anonymous"].includes(actor),
    },
  ];
  expect([...new Set(actions.map((row) => row.action))].sort()).toEqual(
    Object.keys(ids)
      .filter((name) => name !== "signOut")
      .sort(),
  );

  const got: Record<string, Record<Actor, Answer | string>> = {};
  const wanted: Record<string, Record<Actor, Answer | string>> = {};
  for (const [url, expected] of pages) {
    got[`GET ${url}`] = {} as Record<Actor, Answer>;
    wanted[`GET ${url}`] = expected;
    for (const actor of ACTORS) got[`GET ${url}`][actor] = await get(actor, url);
  }
  // The lead API: a key, never a session.
  got["POST /api/leads"] = {} as Record<Actor, Answer>;
  wanted["POST /api/leads"] = signedInAs(401, { deactivated: 401, anonymous: 401 });
  got["POST /api/leads (key)"] = {} as Record<Actor, Answer>;
  wanted["POST /api/leads (key)"] = signedInAs(201, { deactivated: 201, anonymous: 201 });
  for (const actor of ACTORS) {
    const lead = () => ({ lastName: "Leadowa", phone: String(phone++) });
    got["POST /api/leads"][actor] = (
      await request[actor].post("/api/leads", { data: lead(), failOnStatusCode: false })
    ).status();
    got["POST /api/leads (key)"][actor] = (
      await request[actor].post("/api/leads", {
        data: lead(),
        headers: { Authorization: `Bearer ${leads.apiKey}` },
        failOnStatusCode: false,
      })
    ).status();
  }
  // Uploads: a staged file per signed-in user.
  got["POST /api/upload"] = {} as Record<Actor, Answer>;
  wanted["POST /api/upload"] = signedInAs(200, { deactivated: 401, anonymous: 401 });
  for (const actor of ACTORS) {
    const response = await request[actor].post("/api/upload", {
      multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") } },
      failOnStatusCode: false,
    });
    got["POST /api/upload"][actor] = response.status();
  }
  // "Wczytaj plik" of "Importuj z pliku": a file becomes an import for managers and admins.
  got["POST /procesy/import/plik"] = {} as Record<Actor, Answer>;
  wanted["POST /procesy/import/plik"] = signedInAs(404, {
    manager: "→/procesy/import/N",
    managerB: "→/procesy/import/N",
    admin: "→/procesy/import/N",
    deactivated: "login",
    anonymous: "login",
  });
  for (const actor of ACTORS) {
    const response = await request[actor].post("/procesy/import/plik", {
      multipart: {
        plik: { name: "k.csv", mimeType: "text/csv", buffer: Buffer.from("Nazwisko;Telefon\nNowak;600100100\n") },
      },
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const status = response.status();
    got["POST /procesy/import/plik"][actor] =
      status >= 300 && status < 400
        ? (String(redirectAnswer(response.headers()["location"] ?? "")).replace(/\d+$/, "N") as Answer)
        : status;
  }

  for (const row of actions) {
    const key = `action ${row.action}${row.label ? ` (${row.label})` : ""}`;
    got[key] = {} as Record<Actor, string>;
    wanted[key] = {} as Record<Actor, string>;
    for (const actor of ACTORS) {
      const bound = await row.bound?.(actor);
      const fields = (await row.fields?.(actor)) ?? [];
      const before = await fingerprint();
      // signIn's answer sets a cookie: call it from a throwaway context so the actors keep their sessions.
      const context =
        row.action === "signIn"
          ? (await browser.newContext({ baseURL: server.baseURL, storageState: await request[actor].storageState() }))
              .request
          : request[actor];
      const answer = await callAction(context, server.baseURL, {
        path: row.path,
        action: ids[row.action],
        bound,
        fields,
      });
      const changed = (await fingerprint()) !== before;
      let outcome: Answer;
      if (answer.status >= 400) outcome = answer.status;
      else if (answer.redirect) outcome = /\/login/.test(answer.redirect) ? "login" : "ok";
      else if (answer.state?.status === "ok") outcome = "ok";
      else if (answer.state?.message?.startsWith("Nie znaleziono")) outcome = "Nie znaleziono";
      else if (answer.state?.message?.startsWith("Nie masz uprawnień")) outcome = "Nie masz uprawnień";
      else if (answer.state?.message?.startsWith("Sesja wygasła")) outcome = "Sesja wygasła";
      else
        outcome = `error: ${answer.state?.message ?? answer.body.slice(0, 120)} ${JSON.stringify(answer.state?.fieldErrors ?? {})}`;
      got[key][actor] = `${outcome}, ${changed ? "changed" : "unchanged"}`;
      const expectChange =
        typeof row.changes === "function" ? row.changes(actor) : (row.changes ?? row.expect[actor] === "ok");
      wanted[key][actor] = `${row.expect[actor]}, ${expectChange ? "changed" : "unchanged"}`;
    }
  }

  // Signing out works for everyone (last; "Wyloguj wszędzie" above already ended the sessions, so nothing
  // is left to delete: tests/e2e/sessions.test.ts shows "Wyloguj" ending one).
  got["action signOut"] = {} as Record<Actor, string>;
  wanted["action signOut"] = everyone("login");
  for (const actor of ACTORS) {
    const before = await fingerprint();
    const answer = await callAction(request[actor], server.baseURL, {
      path: "/procesy",
      action: ids.signOut,
      fields: [],
    });
    const outcome =
      answer.redirect && /\/login/.test(answer.redirect) && (await fingerprint()) === before
        ? "login"
        : `${answer.status} ${answer.body.slice(0, 80)}`;
    got["action signOut"][actor] = outcome;
  }
  expect(await get("ownerA", "/procesy")).toBe("login");

  expect(got).toEqual(wanted);
  const cells = Object.values(got).reduce((sum, row) => sum + Object.keys(row).length, 0);
  console.log(
    `Authorization: ${Object.keys(got).length} pages, routes and actions × ${ACTORS.length} actors = ${cells} checks`,
  );
}, 600_000);

test("the server logged no unhandled error meanwhile", () => {
  expect(serverErrors(server.logFile).filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
});
