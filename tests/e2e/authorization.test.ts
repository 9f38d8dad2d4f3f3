import crypto from "node:crypto";
import type { APIRequestContext, Browser } from "playwright-core";
import { launchBrowser } from "./support/chromium";
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
  signedIn,
  writableDb,
  type OwnServer,
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
  world = buildWorld(server.dataDir);
  north = buildSecondShowroom(server.dataDir, world);
  browser = await launchBrowser();
  for (const actor of ACTORS) {
    request[actor] =
      actor === "anonymous"
        ? (await browser.newContext({ baseURL: server.baseURL })).request
        : (await signedIn(browser, server.baseURL, actor === "managerB" ? north.manager : world[actor])).request;
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function redirectAnswer(location: string): Answer {
  const target = new URL(location, server.baseURL).pathname;
  return target === "/login" ? "login" : `→${target}`;
}

async function get(actor: Actor, url: string): Promise<Answer> {
  const response = await request[actor].get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = response.status();
  if (status >= 300 && status < 400) return redirectAnswer(response.headers()["location"] ?? "");
  return status;
}

/** Fixtures made fresh for one cell of the table (a task to execute, a notification to open, …). */
const db = () => writableDb(server.dataDir);
function freshTask(): number {
  const conn = db();
  try {
    const due = Date.UTC(2030, 8, 1, 9, 0);
    return Number(
      conn
        .prepare(
          "insert into tasks (process_id, assignee_id, planned_by_id, goal, all_day, start_at, end_at, due_at, state) values (?, ?, ?, 'phone_contact', 0, ?, ?, ?, 'planned')",
        )
        .run(world.processA, world.ownerA.id, world.ownerA.id, due, due + 1_800_000, due).lastInsertRowid,
    );
  } finally {
    conn.close();
  }
}
function freshNotification(userId: number): number {
  const conn = db();
  try {
    return Number(
      conn
        .prepare("insert into notifications (user_id, kind, process_id, message) values (?, 'assigned', ?, 'Nowe')")
        .run(userId, world.processA).lastInsertRowid,
    );
  } finally {
    conn.close();
  }
}
/** A customer of A's who went quiet in 2020: due for anonymisation under RETENTION_MONTHS=24. */
function freshQuietCustomer(): number {
  const conn = db();
  try {
    const old = Date.UTC(2020, 0, 15);
    const customer = Number(
      conn.prepare("insert into customers (first_name, last_name, created_at) values ('Cichy', 'Klient', ?)").run(old)
        .lastInsertRowid,
    );
    conn
      .prepare(
        "insert into processes (customer_id, source, owner_id, status, created_at, updated_at, last_activity_at, showroom_id) values (?, 'showroom', ?, 'delivered', ?, ?, ?, ?)",
      )
      .run(customer, world.ownerA.id, old, old, old, world.showroomA);
    return customer;
  } finally {
    conn.close();
  }
}
function customerOf(processId: number): number {
  const conn = db();
  try {
    return (conn.prepare("select customer_id from processes where id = ?").get(processId) as { customer_id: number })
      .customer_id;
  } finally {
    conn.close();
  }
}
function freshProcess(ownerId: number, showroomId = world.showroomA): number {
  const conn = db();
  try {
    const customer = conn
      .prepare("insert into customers (first_name, last_name, email) values ('Ola', 'Zmienna', ?)")
      .run(`ola-${crypto.randomUUID()}@klient.test`).lastInsertRowid;
    return Number(
      conn
        .prepare(
          "insert into processes (customer_id, brand, model, source, owner_id, status, showroom_id) values (?, 'Kia', 'Ceed', 'phone', ?, 'new', ?)",
        )
        .run(customer, ownerId, showroomId).lastInsertRowid,
    );
  } finally {
    conn.close();
  }
}
/** An import of the manager's into showroom A: uploaded (columns to match) or done a moment ago (to undo). */
function freshImport(state: "uploaded" | "done" = "uploaded"): number {
  const conn = db();
  try {
    return Number(
      conn
        .prepare(
          "insert into imports (user_id, showroom_id, default_owner_id, task_date, file_name, stored_name, format, headers, mapping, total_rows, state, finished_at) values (?, ?, ?, null, 'klienci.csv', ?, 'csv', '[\"Nazwisko\"]', '[\"lastName\"]', 1, ?, ?)",
        )
        .run(
          world.manager.id,
          world.showroomA,
          world.manager.id,
          crypto.randomUUID(),
          state,
          state === "done" ? Date.now() : null,
        ).lastInsertRowid,
    );
  } finally {
    conn.close();
  }
}
function freshTaskOf(processId: number, assigneeId: number): number {
  const conn = db();
  try {
    const due = Date.UTC(2030, 8, 1, 9, 0);
    return Number(
      conn
        .prepare(
          "insert into tasks (process_id, assignee_id, planned_by_id, goal, all_day, start_at, end_at, due_at, state) values (?, ?, ?, 'phone_contact', 0, ?, ?, ?, 'planned')",
        )
        .run(processId, assigneeId, assigneeId, due, due + 1_800_000, due).lastInsertRowid,
    );
  } finally {
    conn.close();
  }
}

type ActionRow = {
  action: string;
  /** Tells rows of the same action apart. */
  label?: string;
  path: string;
  /** The bound id for this actor's call (made fresh if need be). */
  bound?: (actor: Actor) => number;
  fields?: (actor: Actor) => [string, string][];
  expect: Record<Actor, Answer>;
  /** Whether the database changes when the answer is "ok" (default: yes). */
  changes?: boolean;
};

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

test("a manager's feed, lists, counts and statistics hold nothing of another showroom", async () => {
  const ownTask = freshTaskOf(world.processA, world.manager.id);
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
  const conn = db();
  const inA = (
    conn.prepare("select count(*) as n from processes where showroom_id = ?").get(world.showroomA) as {
      n: number;
    }
  ).n;
  conn.close();
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
  const conn = db();
  const target = insertPerson(conn, "salesperson", "Celina Cel");
  const showroomToDeactivate = Number(
    conn.prepare("insert into showrooms (name) values ('Salon do zamknięcia')").run().lastInsertRowid,
  );
  conn.close();
  let phone = 600_200_300;

  // The deactivated user signed in before the administrator deactivated them (through the real action).
  const deactivation = await callAction(request.admin, server.baseURL, {
    path: "/uzytkownicy",
    action: ids.setUserActive,
    bound: world.deactivated.id,
    fields: [],
  });
  expect(deactivation.state?.status).toBe("ok");

  const importA = freshImport("done");
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
    ["/zadania", signedInAs(200, { deactivated: "login" })],
    ["/kalendarz", signedInAs(200, { deactivated: "login" })],
    ["/powiadomienia", signedInAs(200, { deactivated: "login" })],
    ["/statystyki", signedInAs(200, { deactivated: "login" })],
    [`/statystyki/${world.ownerA.id}`, signedInAs(200, { otherB: 404, managerB: 404, deactivated: "login" })],
    ["/uzytkownicy", signedInAs(404, { admin: 200, deactivated: "login" })],
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
      fields: (actor) => {
        const person = actor === "managerB" ? north.manager : actor in world ? world[actor as keyof World] : null;
        if (person) freshNotification((person as { id: number }).id);
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
      bound: () => customerOf(freshProcess(world.ownerA.id)),
      fields: () => [
        ["reason", "Żądanie klienta"],
        ["confirmation", "ANONIMIZUJ"],
      ],
      expect: signedInAs("Nie masz uprawnień", { admin: "ok" }),
    },
    {
      action: "anonymizeRetainedAction",
      path: "/klienci/do-anonimizacji",
      fields: () => [
        ["customerIds", String(freshQuietCustomer())],
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
    // Anyone may try to sign in; every attempt is written to "Dziennik zdarzeń" (a failure also counts in login_failures).
    {
      action: "signIn",
      path: "/login",
      fields: () => [
        ["email", world.ownerA.email],
        ["password", world.ownerA.password],
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
      const bound = row.bound?.(actor);
      const fields = row.fields?.(actor) ?? [];
      const before = fingerprint(server.dataDir);
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
      const changed = fingerprint(server.dataDir) !== before;
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
      const expectChange = row.expect[actor] === "ok" && row.changes !== false;
      wanted[key][actor] = `${row.expect[actor]}, ${expectChange ? "changed" : "unchanged"}`;
    }
  }

  // Signing out works for everyone and writes nothing (last: it ends the sessions).
  got["action signOut"] = {} as Record<Actor, string>;
  wanted["action signOut"] = {
    ownerA: "login",
    otherB: "login",
    manager: "login",
    managerB: "login",
    admin: "login",
    deactivated: "login",
    anonymous: "login",
  };
  for (const actor of ACTORS) {
    const before = fingerprint(server.dataDir);
    const answer = await callAction(request[actor], server.baseURL, {
      path: "/procesy",
      action: ids.signOut,
      fields: [],
    });
    const outcome =
      answer.redirect && /\/login/.test(answer.redirect) && fingerprint(server.dataDir) === before
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
