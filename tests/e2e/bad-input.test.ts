import fs from "node:fs";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { taskFiles, users } from "@/db/schema";
import {
  insertCar,
  insertImport,
  insertLeadSources,
  insertOutage,
  insertProcess,
  insertTask,
} from "@/tests/support/fixtures";
import { launchBrowser, signedIn } from "./support/chromium";
import {
  actionIds,
  buildWorld,
  FRAMEWORK_NOISE,
  callAction,
  fingerprint,
  ownServer,
  serverErrors,
  type ActionAnswer,
  type OwnServer,
  type World,
} from "./support/attack-kit";

// Every server action and route handler fed a generated corpus of bad input, on a server of its own:
// each answer is a validation error or a 4xx (never a 500, never the generic "something went wrong"),
// and the database's fingerprint is the same after each request as before it.

const GENERIC = "Coś poszło nie tak";
const MB = "x".repeat(1024 * 1024);

let server: OwnServer;
let browser: Browser;
let world: World;
let ids: Record<string, string>;
const contexts: Record<"admin" | "manager" | "ownerA" | "otherB", BrowserContext> = {} as never;
let anonymous: BrowserContext;

beforeAll(async () => {
  server = await ownServer();
  world = await buildWorld();
  browser = await launchBrowser();
  ids = actionIds();
  for (const who of ["admin", "manager", "ownerA", "otherB"] as const)
    contexts[who] = (await signedIn(browser, world[who], { baseURL: server.baseURL })).context();
  anonymous = await browser.newContext({ baseURL: server.baseURL });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Values no field should trip over; they are combined with something invalid, so none may be saved. */
const NASTY: string[] = [
  "",
  " ",
  MB,
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u0007\u001b[31m\u007f",
  "\r\n\r\nSet-Cookie: x=1",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg onload=alert(1)>",
  "' OR 1=1 --",
  "\u202Etxt.exe",
  "\uD800",
  "😀".repeat(1000),
  "-1",
  "0",
  "1.5",
  "1e309",
  "NaN",
  "99999999999999999999999",
  "true",
  "null",
  '{"$ne":1}',
  "[1,2]",
  "$K1",
  "$@0",
  "__proto__",
  "2026-02-30",
  "2026-03-29",
  "02:30",
  "24:00",
];

const BAD_DATES: [string, string][] = [
  ["2026-02-30", "10:00"],
  ["2026-13-01", "10:00"],
  ["2026-00-10", "10:00"],
  ["0000-00-00", "10:00"],
  ["2026-2-3", "10:00"],
  ["30.12.2026", "10:00"],
  ["2026-12-30T10:00", "10:00"],
  ["2026-03-29", "02:30"], // the DST gap in Europe/Warsaw
  ["2026-03-29", "02:00"],
  ["2027-03-28", "02:59"],
  ["2026-12-30", "24:00"],
  ["2026-12-30", "25:99"],
  ["2026-12-30", "10:60"],
  ["2026-12-30", "9"],
  ["2026-12-30", "-01:00"],
  ["2026-12-30", ""],
  ["", "10:00"],
];

const EXTRAS: [string, string][] = [
  ["role", "admin"],
  ["ownerId", "0"],
  ["userId", "1"],
  ["id", "1"],
  ["active", "on"],
  ["authorId", "1"],
  ["processId", "1"],
  ["__proto__", '{"role":"admin"}'],
  ["constructor", "x"],
  ["$ACTION_ID_x", "y"],
];

type Fields = [string, string | { name: string; mimeType: string; buffer: Buffer }][];

let tried = 0;
const failures: string[] = [];

function describeInput(label: string, fields: Fields | undefined): string {
  const shown = (fields ?? [])
    .map(([k, v]) => `${k}=${typeof v === "string" ? JSON.stringify(v.slice(0, 30)) : "<file>"}`)
    .join("&");
  return `${label} ${shown}`.slice(0, 300);
}

/** One bad call of an action: a validation error (or the sign-in page for no session), and no change. */
async function badAction(
  who: APIRequestContext,
  label: string,
  call: { path: string; action: string; bound?: unknown; fields?: Fields; root?: string },
  expectMessage?: RegExp,
  ignoreTables: string[] = [],
  /** No state expected (a refused call answers without one); only no success, no 5xx and no change. */
  refusedOnly = false,
) {
  const before = await fingerprint(ignoreTables);
  let answer: ActionAnswer;
  try {
    answer = await callAction(who, server.baseURL, call);
  } catch (error) {
    failures.push(`${describeInput(label, call.fields)}: request failed: ${error}`);
    return;
  }
  tried++;
  const after = await fingerprint(ignoreTables);
  const problem = (() => {
    if (answer.status >= 500) return `HTTP ${answer.status}`;
    if (after !== before) return `database changed (${before} → ${after})`;
    if (answer.redirect) return /\/login/.test(answer.redirect) ? null : `redirected to ${answer.redirect} (a success)`;
    if (answer.status >= 400) return null;
    if (refusedOnly && answer.state?.status !== "ok") return null;
    if (answer.state?.status !== "error")
      return `answered ${answer.status} ${answer.state ? JSON.stringify(answer.state).slice(0, 200) : answer.body.slice(0, 200)}`;
    if (answer.state.message?.includes(GENERIC)) return "the generic error: an unhandled exception";
    if (expectMessage && !expectMessage.test(answer.state.message ?? ""))
      return `message ${JSON.stringify(answer.state.message)} is not ${expectMessage}`;
    return null;
  })();
  if (problem) failures.push(`${describeInput(label, call.fields)}: ${problem}`);
}

/** One bad request to a route or page: below 500 and no change. */
async function badRequest(
  who: APIRequestContext,
  label: string,
  send: () => Promise<{ status(): number }>,
  ignoreTables: string[] = [],
) {
  const before = await fingerprint(ignoreTables);
  let status: number;
  try {
    status = (await send()).status();
  } catch (error) {
    failures.push(`${label}: request failed: ${error}`);
    return;
  }
  tried++;
  const after = await fingerprint(ignoreTables);
  if (status >= 500) failures.push(`${label}: HTTP ${status}`);
  else if (after !== before) failures.push(`${label}: database changed`);
  void who;
}

/** Every field of `base` replaced by every nasty value, dropped, and repeated; every extra field added; `breaker` keeps it invalid. */
function mutations(base: Fields, breaker: Fields): { label: string; fields: Fields }[] {
  const out: { label: string; fields: Fields }[] = [];
  const names = base.map(([name]) => name);
  const withBreaker = (fields: Fields) => [
    ...fields.filter(([name]) => !breaker.some(([b]) => b === name)),
    ...breaker,
  ];
  for (const name of names) {
    out.push({ label: `missing ${name}`, fields: withBreaker(base.filter(([n]) => n !== name)) });
    out.push({ label: `repeated ${name}`, fields: withBreaker([...base, [name, "drugi"]]) });
    out.push({
      label: `file as ${name}`,
      fields: withBreaker([
        ...base.filter(([n]) => n !== name),
        [name, { name: "x.txt", mimeType: "text/plain", buffer: Buffer.from("plik") }],
      ]),
    });
    for (const value of NASTY)
      out.push({ label: `${name}=nasty`, fields: withBreaker(base.map(([n, v]) => [n, n === name ? value : v])) });
  }
  for (const extra of EXTRAS) out.push({ label: `extra ${extra[0]}`, fields: withBreaker([...base, extra]) });
  return out;
}

// (A bound `true` or `[1]` is coerced to the id 1 by the wrapper's Number(id): still scoped by `load`, so not forged here.)
const FORGED_BOUND: unknown[] = [
  0,
  -1,
  1.5,
  "abc",
  null,
  {},
  [1, 2],
  "1 OR 1=1",
  1e309,
  Number.MAX_SAFE_INTEGER + 2,
  2_147_483_648, // one past the largest id a PostgreSQL integer holds
  999_999,
];

const taskForm = (over: Record<string, string> = {}): Fields =>
  Object.entries({
    submissionId: `sub-${Math.random().toString(36).slice(2)}-${Date.now()}`,
    initiative: "customer",
    noteType: "phone",
    content: "Rozmowa z klientką",
    goal: "phone_contact",
    startDate: "2030-06-10",
    startTime: "10:00",
    ...over,
  });

test("every server action and route answers bad input with a validation error or a 4xx, and changes nothing", async () => {
  const a = contexts.ownerA.request;
  const b = contexts.otherB.request;
  const admin = contexts.admin.request;
  const manager = contexts.manager.request;
  const leads = await insertLeadSources(world.showroomA, world.ownerA.id);
  const logStart = fs.statSync(server.logFile).size;
  const panel = `/procesy/${world.processA}`;
  // "Duplikaty": two customers of A's sharing a phone, and one sharing nothing with them.
  const [dubel, dublet, stranger] = await Promise.all(
    [{ phone: "+48601999001" }, { phone: "+48601999001" }, { email: "obcy@klient.test" }].map((contact, i) =>
      insertProcess(world.ownerA.id, { showroomId: world.showroomA, customer: { lastName: `Dubel ${i}`, ...contact } }),
    ),
  );

  // An uploaded import of the manager's, whose columns are still to be matched.
  const { id: importA } = await insertImport({
    userId: world.manager.id,
    showroomId: world.showroomA,
    defaultOwnerId: world.manager.id,
    taskDate: "2030-09-02",
    fileName: "k.csv",
    storedName: "brak",
    headers: JSON.stringify(["Nazwisko", "Telefon"]),
    mapping: JSON.stringify(["lastName", "phone"]),
  });

  // The calls are right: the same shape with good input saves (a test that could not fail proves nothing).
  const control = await callAction(a, server.baseURL, {
    path: `${panel}/planowanie`,
    action: ids.planTask,
    bound: world.processA,
    fields: taskForm(),
  });
  if (control.redirect !== panel) console.log(control.status, control.body.slice(0, 2000));
  expect(control.redirect).toBe(panel);
  const controlStatus = await callAction(a, server.baseURL, {
    path: panel,
    action: ids.changeStatusAction,
    bound: world.processA,
    fields: [["status", "offer"]],
  });
  expect(controlStatus.state?.status).toBe("ok");

  // Planning (bound to a process) and executing a task (bound to a task): fields, dates, forged ids.
  const planUrl = `${panel}/planowanie`;
  const doneUrl = `${panel}/zadania/${world.taskA}/wykonaj`;
  const moveUrl = `${panel}/zadania/${world.taskA}/termin`;

  // "Zmień termin" (bound to a task): the planning form's time rules, and a task that is not A's to move.
  const move = (fields: Fields) => ({ path: moveUrl, action: ids.moveTaskAction, bound: world.taskA, fields });
  for (const [date, time] of BAD_DATES)
    await badAction(
      a,
      `move to ${date} ${time}`,
      move([
        ["startDate", date],
        ["startTime", time],
      ]),
      /Popraw zaznaczone pola/,
    );
  await badAction(
    a,
    "move: end before start",
    move([
      ["startDate", "2030-06-10"],
      ["startTime", "10:00"],
      ["endTime", "09:00"],
    ]),
    /Popraw zaznaczone pola/,
  );
  await badAction(a, "move: nothing", move([]), /Popraw zaznaczone pola/);
  await badAction(
    a,
    "move: all day without a date",
    move([
      ["allDay", "on"],
      ["startTime", "10:00"],
    ]),
  );
  for (const forged of FORGED_BOUND)
    for (const action of [ids.moveTaskAction, ids.dropTaskAction])
      await badAction(
        a,
        `task change bound ${JSON.stringify(forged)}`,
        {
          path: moveUrl,
          action,
          bound: forged,
          fields: [
            ["startDate", "2030-06-10"],
            ["startTime", "10:00"],
          ],
        },
        /Nie znaleziono/,
      );
  for (const action of [ids.moveTaskAction, ids.dropTaskAction])
    await badAction(
      b,
      "another salesperson's task",
      {
        path: moveUrl,
        action,
        bound: world.taskA,
        fields: [
          ["startDate", "2030-06-10"],
          ["startTime", "10:00"],
        ],
      },
      /Nie znaleziono/,
    );
  // An open process keeps its next contact planned: its only planned task stays.
  const lone = await insertProcess(world.ownerA.id, { status: "in_progress", showroomId: world.showroomA });
  const loneTask = await insertTask(lone.id, world.ownerA.id);
  await badAction(
    a,
    "drop the only planned task of an open process",
    {
      path: `/procesy/${lone.id}/zadania/${loneTask.id}/termin`,
      action: ids.dropTaskAction,
      bound: loneTask.id,
      fields: [],
    },
    /jedyne zaplanowane zadanie/,
  );
  for (const [action, url, bound] of [
    [ids.planTask, planUrl, world.processA],
    [ids.completeTask, doneUrl, world.taskA],
  ] as const) {
    for (const { label, fields } of mutations(taskForm(), [["initiative", "nieznana"]]))
      await badAction(a, label, { path: url, action, bound, fields });
    for (const [date, time] of BAD_DATES)
      await badAction(a, `date ${date} ${time}`, {
        path: url,
        action,
        bound,
        fields: taskForm({ startDate: date, startTime: time }),
      });
    for (const [date, time] of BAD_DATES.filter(
      ([date, time]) => date || !/^\d\d:\d\d$/.test(time) || time === "24:00",
    ))
      await badAction(a, `end ${date} ${time}`, {
        path: url,
        action,
        bound,
        fields: taskForm({ endDate: date, endTime: time }),
      });
    await badAction(a, "end before start", {
      path: url,
      action,
      bound,
      fields: taskForm({ endDate: "2030-06-10", endTime: "09:00" }),
    });
    // The process is open: the note alone is refused, whatever the request says.
    await badAction(
      a,
      "'Nie planuj kolejnych zadań' on an open process",
      { path: url, action, bound, fields: taskForm({ skipNextTask: "on" }) },
      /Proces jest otwarty/,
    );
    for (const token of ["", "nie-ma-takiego", "../../etc/passwd", "\u0000", "x".repeat(65), MB]) {
      await badAction(a, `file token ${token.slice(0, 20)}`, {
        path: url,
        action,
        bound,
        fields: [...taskForm(), ["fileTokens", token]],
      });
    }
    // Someone else's staged upload (B's token) cannot be attached to A's task, nor can a file already attached.
    const foreignUpload = await b.post("/api/upload", {
      multipart: { file: { name: "cudzy.txt", mimeType: "text/plain", buffer: Buffer.from("B") } },
    });
    const foreignToken = ((await foreignUpload.json()) as { files: { token: string }[] }).files[0].token;
    await badAction(a, "another user's staged file", {
      path: url,
      action,
      bound,
      fields: [...taskForm(), ["fileTokens", foreignToken]],
    });
    const [{ token: attachedToken }] = await getDb()
      .select({ token: taskFiles.token })
      .from(taskFiles)
      .where(eq(taskFiles.id, world.fileA));
    await badAction(a, "an attached file's token", {
      path: url,
      action,
      bound,
      fields: [...taskForm(), ["fileTokens", attachedToken]],
    });
    await badAction(a, "51 file tokens", {
      path: url,
      action,
      bound,
      fields: [
        ...taskForm(),
        ...Array.from({ length: 51 }, (_, i) => ["fileTokens", `token-${i}`] as [string, string]),
      ],
    });
    // Someone else's process or task: "not found", whatever the fields.
    const foreign = action === ids.planTask ? world.processB : world.taskB;
    await badAction(
      a,
      "foreign id, good fields",
      { path: url, action, bound: foreign, fields: taskForm() },
      /Nie znaleziono/,
    );
    await badAction(
      b,
      "other salesperson, good fields",
      { path: url, action, bound, fields: taskForm() },
      /Nie znaleziono/,
    );
    for (const forged of FORGED_BOUND)
      await badAction(
        a,
        `bound ${JSON.stringify(forged)}`,
        { path: url, action, bound: forged, fields: taskForm() },
        /Nie znaleziono/,
      );
  }

  // The process panel's status and owner forms.
  for (const { label, fields } of mutations(
    [
      ["status", "order"],
      ["reason", "powód"],
    ],
    [
      ["status", "resigned"],
      ["reason", ""],
    ],
  )) {
    await badAction(a, `status ${label}`, {
      path: panel,
      action: ids.changeStatusAction,
      bound: world.processA,
      fields,
    });
  }
  for (const status of ["WON", "admin", "deleted", "", MB, "<b>won</b>", "won\u0000"]) {
    await badAction(a, `status=${status.slice(0, 10)}`, {
      path: panel,
      action: ids.changeStatusAction,
      bound: world.processA,
      fields: [["status", status]],
    });
  }
  await badAction(
    b,
    "status of a foreign process",
    { path: panel, action: ids.changeStatusAction, bound: world.processA, fields: [["status", "order"]] },
    /Nie znaleziono/,
  );
  for (const forged of FORGED_BOUND)
    await badAction(
      a,
      `status bound ${JSON.stringify(forged)}`,
      { path: panel, action: ids.changeStatusAction, bound: forged, fields: [["status", "order"]] },
      /Nie znaleziono/,
    );
  // Forged role: a salesperson handing over their process; a manager with bad owners.
  for (const ownerId of [String(world.otherB.id), String(world.ownerA.id), String(world.admin.id)]) {
    await badAction(
      a,
      `salesperson sets owner ${ownerId}`,
      {
        path: panel,
        action: ids.changeOwnerAction,
        bound: world.processA,
        fields: [
          ["ownerId", ownerId],
          ["role", "manager"],
        ],
      },
      /Nie masz uprawnień/,
    );
  }
  for (const ownerId of [
    "",
    "0",
    "-5",
    "abc",
    "1.5",
    "999999",
    String(world.ownerA.id),
    String(world.deactivated.id + 1000),
    MB,
    "1e3",
    "\u0000",
  ]) {
    await badAction(manager, `owner=${ownerId.slice(0, 10)}`, {
      path: panel,
      action: ids.changeOwnerAction,
      bound: world.processA,
      fields: [["ownerId", ownerId]],
    });
  }

  // "Zmień opiekuna zaznaczonych": every field mangled (an unknown scope keeps it invalid), forged ids,
  // too many ids, a filter out of sight; a salesperson is refused whatever they send.
  const handOver: Fields = [
    ["scope", "selected"],
    ["ownerId", String(world.otherB.id)],
    ["processIds", String(world.processB)],
    ["q", "Bartkowa"],
    ["status", "new"],
  ];
  for (const { label, fields } of mutations(handOver, [["scope", "nieznany"]]))
    await badAction(manager, `hand-over ${label}`, { path: "/procesy", action: ids.handOverAction, fields });
  for (const processId of ["0", "-1", "abc", "1.5", "999999", "2147483648", MB, "\u0000", "1e3"])
    await badAction(manager, `hand-over process ${processId.slice(0, 10)}`, {
      path: "/procesy",
      action: ids.handOverAction,
      fields: [
        ["scope", "selected"],
        ["ownerId", String(world.otherB.id)],
        ["processIds", String(world.processB)],
        ["processIds", processId],
      ],
    });
  for (const ownerId of ["", "0", "abc", "999999", String(world.otherB.id + 100_000), MB])
    await badAction(manager, `hand-over owner ${ownerId.slice(0, 10)}`, {
      path: "/procesy",
      action: ids.handOverAction,
      fields: [
        ["scope", "filter"],
        ["ownerId", ownerId],
        ["q", "Bartkowa"],
      ],
    });
  await badAction(manager, "hand-over of 21 ids", {
    path: "/procesy",
    action: ids.handOverAction,
    fields: [
      ["scope", "selected"],
      ["ownerId", String(world.otherB.id)],
      ...Array.from({ length: 21 }, (_, i): [string, string] => ["processIds", String(world.processB + i)]),
    ],
  });
  for (const filter of [
    ["salon", "999999"],
    ["owner", "999999"],
    ["q", "nikt-taki-nie-istnieje"],
  ] as [string, string][])
    await badAction(manager, `hand-over filter ${filter.join("=")}`, {
      path: "/procesy",
      action: ids.handOverAction,
      fields: [["scope", "filter"], ["ownerId", String(world.ownerA.id)], filter],
    });
  await badAction(
    a,
    "hand-over by a salesperson",
    {
      path: "/procesy",
      action: ids.handOverAction,
      fields: [
        ["scope", "selected"],
        ["ownerId", String(world.ownerA.id)],
        ["processIds", String(world.processB)],
      ],
    },
    /Nie masz uprawnień/,
  );

  // A new process: every field mangled, with the contact missing so that nothing may be saved.
  const newProcess: Fields = [
    ["firstName", "Jan"],
    ["lastName", "Nowak"],
    ["brand", "Skoda"],
    ["model", "Superb"],
    ["vehicleNotes", "uwagi"],
    ["source", "showroom"],
    ["email", ""],
    ["phone", ""],
  ];
  for (const { label, fields } of mutations(newProcess, [
    ["phone", ""],
    ["email", ""],
  ])) {
    await badAction(a, `new process ${label}`, { path: "/procesy/nowy", action: ids.createProcessAction, fields });
  }
  for (const [name, value] of [
    ["phone", "abc"],
    ["phone", "+48 <script>"],
    ["phone", MB],
    ["email", "nie-email"],
    ["email", "a@b"],
    ["email", `${MB}@x.pl`],
    ["source", "facebook"],
    ["source", ""],
    ["ownerId", "abc"],
    ["ownerId", "-1"],
    ["existingCustomerId", "x"],
    ["customerChoice", "both"],
    ["showroomId", "abc"],
    ["showroomId", "-1"],
    ["showroomId", "999999"],
    ["showroomId", MB],
  ] as const) {
    await badAction(a, `new process ${name}`, {
      path: "/procesy/nowy",
      action: ids.createProcessAction,
      fields: [
        ["lastName", "Nowak"],
        ["source", "showroom"],
        ["phone", "600100200"],
        [name, value],
      ],
    });
  }
  // A manager giving a process to a deactivated or missing user.
  await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.id, world.deactivated.id)));
  for (const ownerId of [String(world.deactivated.id), "999999"]) {
    await badAction(manager, `new process for owner ${ownerId}`, {
      path: "/procesy/nowy",
      action: ids.createProcessAction,
      fields: [
        ["lastName", "Nowak"],
        ["source", "showroom"],
        ["phone", "600100201"],
        ["ownerId", ownerId],
      ],
    });
  }

  // Users (admin only): bad input as the admin, and forged roles from everyone else.
  const newUser: Fields = [
    ["name", "Nowy"],
    ["email", "nowy@attack.test"],
    ["password", "dobre-haslo-123"],
    ["role", "manager"],
    ["showroomIds", String(world.showroomA)],
  ];
  for (const { label, fields } of mutations(newUser, [["role", "superadmin"]]))
    await badAction(admin, `add user ${label}`, { path: "/uzytkownicy", action: ids.addUser, fields });
  await badAction(admin, "add user with a taken e-mail", {
    path: "/uzytkownicy",
    action: ids.addUser,
    fields: [
      ["name", "Kopia"],
      ["email", world.ownerA.email.toUpperCase()],
      ["password", "dobre-haslo-123"],
      ["role", "salesperson"],
      ["showroomIds", String(world.showroomA)],
    ],
  });
  for (const showroomIds of [
    [],
    ["abc"],
    ["0"],
    ["-1"],
    ["999999"],
    [MB],
    ["1.5"],
    [String(world.showroomA), "999999"],
  ])
    await badAction(admin, `add user in showrooms ${JSON.stringify(showroomIds).slice(0, 20)}`, {
      path: "/uzytkownicy",
      action: ids.addUser,
      fields: [
        ["name", "Bez salonu"],
        ["email", "bez-salonu@attack.test"],
        ["password", "dobre-haslo-123"],
        ["role", "salesperson"],
        ...showroomIds.map((id): [string, string] => ["showroomIds", id]),
      ],
    });
  for (const caller of [a, manager]) {
    await badAction(
      caller,
      "forged: add an admin",
      {
        path: "/uzytkownicy",
        action: ids.addUser,
        fields: [
          ["name", "Intruz"],
          ["email", "intruz@attack.test"],
          ["password", "dobre-haslo-123"],
          ["role", "admin"],
        ],
      },
      /Nie masz uprawnień/,
    );
    await badAction(
      caller,
      "forged: promote self",
      { path: "/uzytkownicy", action: ids.changeUserRole, bound: world.ownerA.id, fields: [["role", "admin"]] },
      /Nie masz uprawnień/,
    );
    await badAction(
      caller,
      "forged: reset the admin's password",
      {
        path: "/uzytkownicy",
        action: ids.resetUserPassword,
        bound: world.admin.id,
        fields: [["password", "przejete-haslo-1"]],
      },
      /Nie masz uprawnień/,
    );
    await badAction(
      caller,
      "forged: deactivate the admin",
      { path: "/uzytkownicy", action: ids.setUserActive, bound: world.admin.id, fields: [] },
      /Nie masz uprawnień/,
    );
  }
  for (const role of ["superadmin", "ADMIN", "", MB, "admin\u0000"])
    await badAction(admin, `role=${role.slice(0, 10)}`, {
      path: "/uzytkownicy",
      action: ids.changeUserRole,
      bound: world.otherB.id,
      fields: [["role", role]],
    });
  for (const password of ["", "krotkie", MB, "\u0000".repeat(5)])
    await badAction(admin, `password len ${password.length}`, {
      path: "/uzytkownicy",
      action: ids.resetUserPassword,
      bound: world.otherB.id,
      fields: [["password", password]],
    });
  // "Dezaktywuj" a user who owns an open process: the successor is required, an active colleague of
  // their showroom; anything else leaves them active and their process theirs.
  for (const successorId of [...NASTY, "999999", String(world.otherB.id + 100_000), String(world.otherB.id)])
    await badAction(admin, `successor ${successorId.slice(0, 10)}`, {
      path: "/uzytkownicy",
      action: ids.setUserActive,
      // B owns processB; naming B as their own successor is refused too.
      bound: world.otherB.id,
      fields: [["successorId", successorId]],
    });
  for (const action of [ids.changeUserRole, ids.resetUserPassword, ids.setUserActive]) {
    for (const forged of FORGED_BOUND)
      await badAction(
        admin,
        `user bound ${JSON.stringify(forged)}`,
        {
          path: "/uzytkownicy",
          action,
          bound: forged,
          fields: [
            ["role", "manager"],
            ["password", "dobre-haslo-123"],
            ["active", "on"],
          ],
        },
        /Nie znaleziono/,
      );
  }

  // Showrooms (admin only), who works where, and a process's showroom (managers).
  const showroomFields: Fields = [
    ["name", "Salon Nowy"],
    ["address", "ul. Długa 1, Warszawa"],
    ["phone", "22 123 45 67"],
    ["opensAt", "08:00"],
    ["closesAt", "18:00"],
  ];
  for (const { label, fields } of mutations(showroomFields, [["phone", "nie-telefon"]]))
    await badAction(admin, `add showroom ${label}`, { path: "/salony", action: ids.addShowroom, fields });
  // "Godzina otwarcia" / "Godzina zamknięcia": HH:MM, closing after opening.
  for (const [opensAt, closesAt] of [
    ["", "18:00"],
    ["08:00", ""],
    ["8", "18:00"],
    ["08:00", "24:00"],
    ["08:00:00", "18:00"],
    ["<b>", "18:00"],
    [MB, "18:00"],
    ["18:00", "08:00"],
    ["12:00", "12:00"],
  ])
    await badAction(
      admin,
      `showroom hours ${opensAt.slice(0, 10)}–${closesAt}`,
      {
        path: "/salony",
        action: ids.editShowroom,
        bound: world.showroomA,
        fields: [
          ...showroomFields.filter(([name]) => !name.endsWith("At")),
          ["opensAt", opensAt],
          ["closesAt", closesAt],
        ],
      },
      /Popraw zaznaczone pola/,
    );
  for (const { label, fields } of mutations(showroomFields, [["name", ""]]))
    await badAction(admin, `edit showroom ${label}`, {
      path: "/salony",
      action: ids.editShowroom,
      bound: world.showroomA,
      fields,
    });
  await badAction(
    admin,
    "add a showroom under a taken name",
    { path: "/salony", action: ids.addShowroom, fields: [["name", "SALON"]] },
    /Popraw zaznaczone pola/,
  );
  await badAction(
    admin,
    "deactivate the last active showroom",
    { path: "/salony", action: ids.setShowroomActiveAction, bound: world.showroomA, fields: [] },
    /ostatniego aktywnego salonu/,
  );
  for (const showroomIds of [[], ["abc"], ["0"], ["-1"], ["999999"], [MB], ["1.5"], Array(201).fill("1")])
    await badAction(admin, `user's showrooms ${JSON.stringify(showroomIds).slice(0, 20)}`, {
      path: "/uzytkownicy",
      action: ids.setUserShowroomsAction,
      bound: world.otherB.id,
      fields: showroomIds.map((id): [string, string] => ["showroomIds", id]),
    });
  for (const forged of FORGED_BOUND) {
    for (const [path, action, fields] of [
      ["/salony", ids.editShowroom, showroomFields],
      ["/salony", ids.setShowroomActiveAction, []],
      ["/uzytkownicy", ids.setUserShowroomsAction, [["showroomIds", String(world.showroomA)]]],
    ] as [string, string, Fields][])
      await badAction(
        admin,
        `showroom bound ${JSON.stringify(forged)}`,
        { path, action, bound: forged, fields },
        /Nie znaleziono/,
      );
  }
  for (const caller of [a, manager]) {
    for (const [label, path, action, bound, fields] of [
      ["add a showroom", "/salony", ids.addShowroom, undefined, showroomFields],
      ["rename a showroom", "/salony", ids.editShowroom, world.showroomA, showroomFields],
      ["deactivate a showroom", "/salony", ids.setShowroomActiveAction, world.showroomA, []],
      ["move self to a showroom", "/uzytkownicy", ids.setUserShowroomsAction, world.ownerA.id, [["showroomIds", "1"]]],
    ] as [string, string, string, unknown, Fields][])
      await badAction(caller, `forged: ${label}`, { path, action, bound, fields }, /Nie masz uprawnień/);
  }
  for (const [showroomId, ownerId] of [
    ["", ""],
    ["abc", ""],
    ["0", ""],
    ["-1", ""],
    ["999999", ""],
    [MB, ""],
    [String(world.showroomA), ""], // the process is there already
    [String(world.showroomA), "abc"],
    [String(world.showroomA), String(world.deactivated.id)],
  ]) {
    await badAction(manager, `showroom=${showroomId.slice(0, 10)} owner=${ownerId}`, {
      path: panel,
      action: ids.changeShowroomAction,
      bound: world.processA,
      fields: [
        ["showroomId", showroomId],
        ["ownerId", ownerId],
      ],
    });
  }
  await badAction(
    a,
    "forged: a salesperson moves their process",
    {
      path: panel,
      action: ids.changeShowroomAction,
      bound: world.processA,
      fields: [
        ["showroomId", String(world.showroomA)],
        ["role", "manager"],
      ],
    },
    /Nie masz uprawnień/,
  );
  for (const forged of FORGED_BOUND)
    await badAction(
      manager,
      `showroom of process ${JSON.stringify(forged)}`,
      {
        path: panel,
        action: ids.changeShowroomAction,
        bound: forged,
        fields: [["showroomId", String(world.showroomA)]],
      },
      /Nie znaleziono/,
    );

  // The administrator's unblocking and two-step reset: forged roles and ids.
  for (const action of [ids.unblockUserSignIn, ids.resetUserTwoFactor]) {
    for (const caller of [a, manager])
      await badAction(
        caller,
        "forged: an admin's action on the admin",
        { path: "/uzytkownicy", action, bound: world.admin.id, fields: [] },
        /Nie masz uprawnień/,
      );
    for (const forged of FORGED_BOUND)
      await badAction(
        admin,
        `user bound ${JSON.stringify(forged)}`,
        { path: "/uzytkownicy", action, bound: forged, fields: [] },
        /Nie znaleziono/,
      );
  }

  // "Moje konto": passwords mangled (a wrong current password counts as a failed sign-in and nothing
  // else), codes that are no codes, turning off what is not on.
  const failuresOnly = ["sign_in_failures"];
  for (const { label, fields } of mutations(
    [
      ["currentPassword", world.ownerA.password],
      ["newPassword", "calkiem-nowe-haslo-1"],
    ],
    [["newPassword", "krotkie"]],
  ))
    await badAction(a, `change password ${label}`, { path: "/konto", action: ids.changePasswordAction, fields });
  for (const [current, next] of [
    ["zle-haslo", "calkiem-nowe-haslo-1"],
    [world.ownerA.password, world.ownerA.password],
    [MB, "calkiem-nowe-haslo-1"],
    [world.ownerA.password, MB],
  ])
    await badAction(
      a,
      "change password",
      {
        path: "/konto",
        action: ids.changePasswordAction,
        fields: [
          ["currentPassword", current],
          ["newPassword", next],
        ],
      },
      undefined,
      failuresOnly,
    );
  await badAction(
    b,
    "turn off what is off, with a wrong password",
    { path: "/konto", action: ids.disableTwoFactorAction, fields: [["currentPassword", "zle"]] },
    undefined,
    failuresOnly,
  );
  expect(
    (await callAction(b, server.baseURL, { path: "/konto", action: ids.startTwoFactorAction, fields: [] })).state
      ?.status,
  ).toBe("ok");
  for (const code of ["", "000000", "12345", "1234567", "abcdef", "12 34 56 78", MB, "\u0000", "<script>", "-1", "1e6"])
    await badAction(b, `two-step code ${code.slice(0, 12)}`, {
      path: "/konto",
      action: ids.confirmTwoFactorAction,
      fields: [["code", code]],
    });

  // The sign-in's code step, for someone who passed the password step (their cookie in this context).
  const secondStep = (await browser.newContext({ baseURL: server.baseURL })).request;
  await transaction((tx) =>
    tx.update(users).set({ totpSecret: "JBSWY3DPEHPK3PXP" }).where(eq(users.id, world.otherB.id)),
  );
  const passed = await callAction(secondStep, server.baseURL, {
    path: "/login",
    action: ids.signIn,
    fields: [
      ["email", world.otherB.email],
      ["password", world.otherB.password],
    ],
  });
  expect(passed.redirect).toBe("/login");
  for (const code of ["", "000000", "abcde-fghij", MB, "\u0000", "<script>", "99999999999999999999", "$@0"])
    await badAction(
      secondStep,
      `sign-in code ${code.slice(0, 12)}`,
      { path: "/login", action: ids.signInCode, fields: [["code", code]] },
      undefined,
      ["sign_in_failures", "audit_events"],
    );

  // "Flota demo" (managers and admins): a car, its periods out of service; "Samochód demo" and the test
  // drive's licence and mileage in the task forms.
  const { id: carA } = await insertCar({
    showroomId: world.showroomA,
    make: "Kia",
    model: "Ceed",
    version: "",
    registration: "WA10001",
    vin: "U5YH2512AAL100001",
  });
  const { id: outageA } = await insertOutage(carA, "2031-01-10", "2031-01-10", "");
  const carFields: Fields = [
    ["showroomId", String(world.showroomA)],
    ["make", "Škoda"],
    ["model", "Fabia"],
    ["version", "Ambition"],
    ["registration", "WA20002"],
    ["vin", "TMBEG6NJ012345678"],
  ];
  // A North-American VIN with a wrong check digit keeps each call invalid.
  for (const { label, fields } of mutations(carFields, [["vin", "1FA6P8CF5L5100000"]]))
    await badAction(manager, `add car ${label}`, { path: "/flota", action: ids.addCar, fields });
  for (const { label, fields } of mutations(carFields, [["make", ""]]))
    await badAction(manager, `edit car ${label}`, { path: "/flota", action: ids.editCar, bound: carA, fields });
  const outageFields: Fields = [
    ["fromDate", "2031-03-02"],
    ["toDate", "2031-03-03"],
    ["reason", "Serwis"],
  ];
  for (const { label, fields } of mutations(outageFields, [["toDate", "2026-02-30"]]))
    await badAction(manager, `outage ${label}`, { path: "/flota", action: ids.addCarOutage, bound: carA, fields });
  await badAction(
    a,
    "a salesperson adds a car",
    { path: "/flota", action: ids.addCar, fields: carFields },
    /Nie masz uprawnień/,
  );
  await badAction(
    a,
    "a salesperson removes a period out of service",
    { path: "/flota", action: ids.removeCarOutage, bound: outageA, fields: [] },
    /Nie masz uprawnień/,
  );
  await badAction(
    manager,
    "a car with a VIN already in the fleet",
    {
      path: "/flota",
      action: ids.addCar,
      fields: [...carFields.filter(([n]) => n !== "vin"), ["vin", "u5yh2512aal100001"]],
    },
    /Popraw zaznaczone pola/,
  );
  for (const forged of FORGED_BOUND) {
    for (const [action, fields] of [
      [ids.editCar, carFields],
      [ids.addCarOutage, outageFields],
      [ids.removeCarOutage, []],
    ] as [string, Fields][])
      await badAction(
        manager,
        `fleet bound ${JSON.stringify(forged)}`,
        { path: "/flota", action, bound: forged, fields },
        /Nie znaleziono/,
      );
  }
  const testDriveFields: Fields = [
    ["carId", String(carA)],
    ["licenceNumber", "01234/12/1234"],
    ["mileageBefore", "12500"],
    ["mileageAfter", "12545"],
  ];
  for (const { label, fields } of mutations(testDriveFields, [])) {
    await badAction(a, `test drive planning ${label}`, {
      path: `/procesy/${world.processA}/planowanie`,
      action: ids.planTask,
      bound: world.processA,
      fields: [...taskForm({ goal: "test_drive", content: "" }), ...fields],
    });
  }
  for (const [name, value] of [
    ["carId", "999999"],
    ["mileageBefore", "12a"],
    ["mileageAfter", "100"],
    ["licenceNumber", "<b>"],
  ])
    await badAction(a, `test drive planning ${name}=${value}`, {
      path: `/procesy/${world.processA}/planowanie`,
      action: ids.planTask,
      bound: world.processA,
      fields: [...taskForm({ goal: "test_drive" }), ...testDriveFields.filter(([n]) => n !== name), [name, value]],
    });

  // Notifications: someone else's, or made up.
  for (const forged of [...FORGED_BOUND, world.notificationA]) {
    await badAction(
      b,
      `notification ${JSON.stringify(forged)}`,
      { path: "/powiadomienia", action: ids.openNotification, bound: forged, fields: [] },
      /Nie znaleziono/,
    );
  }

  // "Zapisz zgody": only the staff's sources; someone else's process or a forged id is "not found".
  for (const { label, fields } of mutations(
    [
      ["phone", "on"],
      ["sms", "on"],
      ["email", ""],
      ["source", "showroom"],
    ],
    [["source", "lead_api"]],
  )) {
    await badAction(a, `consents ${label}`, {
      path: panel,
      action: ids.saveConsentsAction,
      bound: world.processA,
      fields,
    });
  }
  for (const source of ["", "web_form", "import", "Salon", MB, "showroom\u0000"])
    await badAction(a, `consent source ${source.slice(0, 10)}`, {
      path: panel,
      action: ids.saveConsentsAction,
      bound: world.processA,
      fields: [
        ["email", "on"],
        ["source", source],
      ],
    });
  await badAction(
    b,
    "consents of a foreign process",
    {
      path: panel,
      action: ids.saveConsentsAction,
      bound: world.processA,
      fields: [
        ["email", "on"],
        ["source", "phone"],
      ],
    },
    /Nie znaleziono/,
  );
  for (const forged of FORGED_BOUND)
    await badAction(
      a,
      `consents bound ${JSON.stringify(forged)}`,
      {
        path: panel,
        action: ids.saveConsentsAction,
        bound: forged,
        fields: [
          ["email", "on"],
          ["source", "phone"],
        ],
      },
      /Nie znaleziono/,
    );

  // "Anonimizuj klienta" (admins): a reason and exactly ANONIMIZUJ, or nothing happens.
  const anonymizeUrl = `/klienci/${world.customerA}/anonimizacja`;
  for (const { label, fields } of mutations(
    [
      ["reason", "Żądanie klienta"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [["confirmation", "anonimizuj"]],
  )) {
    await badAction(admin, `anonymize ${label}`, {
      path: anonymizeUrl,
      action: ids.anonymizeCustomerAction,
      bound: world.customerA,
      fields,
    });
  }
  for (const [reason, confirmation] of [
    ["", "ANONIMIZUJ"],
    [" ", "ANONIMIZUJ"],
    [MB, "ANONIMIZUJ"],
    ["x".repeat(501), "ANONIMIZUJ"],
    ["Powód", "ANONIMIZUJ!"],
    ["Powód", "ANONIMIZUJ ANONIMIZUJ"],
    ["Powód", MB],
  ])
    await badAction(admin, `anonymize reason ${reason.length} / ${confirmation.slice(0, 12)}`, {
      path: anonymizeUrl,
      action: ids.anonymizeCustomerAction,
      bound: world.customerA,
      fields: [
        ["reason", reason],
        ["confirmation", confirmation],
      ],
    });
  for (const caller of [a, b, manager])
    await badAction(
      caller,
      "forged: anonymize as a non-admin",
      {
        path: anonymizeUrl,
        action: ids.anonymizeCustomerAction,
        bound: world.customerA,
        fields: [
          ["reason", "Żądanie klienta"],
          ["confirmation", "ANONIMIZUJ"],
          ["role", "admin"],
        ],
      },
      /Nie masz uprawnień/,
    );
  for (const forged of FORGED_BOUND)
    await badAction(
      admin,
      `anonymize bound ${JSON.stringify(forged)}`,
      {
        path: anonymizeUrl,
        action: ids.anonymizeCustomerAction,
        bound: forged,
        fields: [
          ["reason", "Żądanie klienta"],
          ["confirmation", "ANONIMIZUJ"],
        ],
      },
      /Nie znaleziono/,
    );

  // "Do anonimizacji" (admins; this server has no RETENTION_MONTHS, so even good input is refused).
  for (const { label, fields } of mutations(
    [
      ["customerIds", String(world.customerA)],
      ["scope", "chosen"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [["confirmation", ""]],
  )) {
    await badAction(admin, `retention ${label}`, {
      path: "/klienci/do-anonimizacji",
      action: ids.anonymizeRetainedAction,
      fields,
    });
  }
  for (const fields of [
    [
      ["scope", "chosen"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [
      ["customerIds", "abc"],
      ["scope", "chosen"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [
      ["customerIds", "-1"],
      ["scope", "chosen"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [
      ["customerIds", String(world.customerA)],
      ["scope", "everyone"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [
      ...Array.from({ length: 201 }, (_, i) => ["customerIds", String(i + 1)] as [string, string]),
      ["scope", "chosen"],
      ["confirmation", "ANONIMIZUJ"],
    ],
    [
      ["customerIds", String(world.customerA)],
      ["scope", "all"],
      ["confirmation", "ANONIMIZUJ"],
    ],
  ] as Fields[])
    await badAction(admin, `retention ${fields.length} fields`, {
      path: "/klienci/do-anonimizacji",
      action: ids.anonymizeRetainedAction,
      fields,
    });
  for (const caller of [a, manager])
    await badAction(
      caller,
      "forged: retention as a non-admin",
      {
        path: "/klienci/do-anonimizacji",
        action: ids.anonymizeRetainedAction,
        fields: [
          ["scope", "all"],
          ["confirmation", "ANONIMIZUJ"],
        ],
      },
      /Nie masz uprawnień/,
    );

  // "Ustawienia" (admins): every wording required, none too long.
  for (const { label, fields } of mutations(
    [
      ["phone", "Zgoda na telefon"],
      ["sms", "Zgoda na SMS"],
      ["email", "Zgoda na e-mail"],
    ],
    [["email", " "]],
  )) {
    await badAction(admin, `settings ${label}`, { path: "/ustawienia", action: ids.saveConsentTextsAction, fields });
  }
  await badAction(admin, "settings: a wording over 4000 characters", {
    path: "/ustawienia",
    action: ids.saveConsentTextsAction,
    fields: [
      ["phone", "x".repeat(4001)],
      ["sms", "Zgoda na SMS"],
      ["email", "Zgoda na e-mail"],
    ],
  });
  for (const caller of [a, manager])
    await badAction(
      caller,
      "forged: settings as a non-admin",
      {
        path: "/ustawienia",
        action: ids.saveConsentTextsAction,
        fields: [
          ["phone", "Przejęta treść"],
          ["sms", "Przejęta treść"],
          ["email", "Przejęta treść"],
        ],
      },
      /Nie masz uprawnień/,
    );

  // No session at all: every action, with good and bad fields, is sent to sign in (at its page) or refused
  // (posted elsewhere), and nothing changes.
  const anon = anonymous.request;
  const pathOf: Record<string, [string, unknown]> = {
    createCalendarFeed: ["/kalendarz", undefined],
    revokeCalendarFeed: ["/kalendarz", undefined],
    markAllNotificationsRead: ["/powiadomienia", undefined],
    openNotification: ["/powiadomienia", world.notificationA],
    changeOwnerAction: [panel, world.processA],
    handOverAction: ["/procesy", undefined],
    changeStatusAction: [panel, world.processA],
    createProcessAction: ["/procesy/nowy", undefined],
    planTask: [planUrl, world.processA],
    completeTask: [doneUrl, world.taskA],
    moveTaskAction: [moveUrl, world.taskA],
    dropTaskAction: [moveUrl, world.taskA],
    addUser: ["/uzytkownicy", undefined],
    changeUserRole: ["/uzytkownicy", world.otherB.id],
    resetUserPassword: ["/uzytkownicy", world.otherB.id],
    setUserActive: ["/uzytkownicy", world.otherB.id],
    saveConsentsAction: [panel, world.processA],
    anonymizeCustomerAction: [`/klienci/${world.customerA}/anonimizacja`, world.customerA],
    anonymizeRetainedAction: ["/klienci/do-anonimizacji", undefined],
    saveConsentTextsAction: ["/ustawienia", undefined],
    setUserShowroomsAction: ["/uzytkownicy", world.otherB.id],
    changeShowroomAction: [panel, world.processA],
    addShowroom: ["/salony", undefined],
    editShowroom: ["/salony", world.showroomA],
    setShowroomActiveAction: ["/salony", world.showroomA],
    unblockUserSignIn: ["/uzytkownicy", world.otherB.id],
    resetUserTwoFactor: ["/uzytkownicy", world.otherB.id],
    changePasswordAction: ["/konto", undefined],
    signOutEverywhereAction: ["/konto", undefined],
    startTwoFactorAction: ["/konto", undefined],
    confirmTwoFactorAction: ["/konto", undefined],
    disableTwoFactorAction: ["/konto", undefined],
    signInCode: ["/login", undefined],
    cancelSignIn: ["/login", undefined],
    addLeadSource: ["/zrodla-leadow", undefined],
    editLeadSource: ["/zrodla-leadow", leads.api],
    changeApiKey: ["/zrodla-leadow", leads.api],
    addCar: ["/flota", undefined],
    editCar: ["/flota", carA],
    addCarOutage: ["/flota", carA],
    removeCarOutage: ["/flota", outageA],
    saveImportAction: [`/procesy/import/${importA}`, importA],
    undoImportAction: [`/procesy/import/${importA}`, importA],
    mergeCustomersAction: ["/procesy/duplikaty", dubel.customerId],
  };
  for (const [name, [path, bound]] of Object.entries(pathOf)) {
    for (const fields of [
      [],
      taskForm(),
      [
        ["role", "admin"],
        ["ownerId", "1"],
        ["status", "order"],
        ["password", "przejete-haslo-1"],
      ],
    ] as Fields[]) {
      await badAction(anon, `anonymous ${name}`, { path, action: ids[name], bound, fields });
      await badAction(
        anon,
        `anonymous ${name} posted to /login`,
        { path: "/login", action: ids[name], bound, fields },
        undefined,
        [],
        true,
      );
    }
  }
  expect(Object.keys(pathOf).sort()).toEqual(
    Object.keys(ids)
      .filter((name) => !["signIn", "signOut", "sendEnquiry"].includes(name))
      .sort(),
  );

  // Bodies over the limit are refused before any action runs (413), however they are sent.
  for (const [name, [path, bound]] of Object.entries(pathOf)) {
    await badAction(a, `${name} with a 2 MB body`, {
      path,
      action: ids[name],
      bound,
      fields: [
        ["content", MB],
        ["name", MB],
      ],
    });
  }

  // The arguments themselves malformed (what React's client never sends): nothing may change, nothing may
  // succeed, and nothing answers 500. Arguments of the wrong shape ("[1]", "{}": no FormData) get the form
  // error; a body that cannot be decoded into an argument list at all is refused (400) before Next decodes it.
  for (const root of [
    "",
    "not json",
    "{}",
    "[]",
    "[1]",
    "null",
    "42",
    '["$K9"]',
    '["$@1"]',
    `[${world.processA}]`,
    '[{"status":"idle"},"$K1",1,2,3]',
    `"${"a".repeat(1000)}"`,
    "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
    "[\u0000]",
  ]) {
    const before = await fingerprint();
    const answer = await callAction(a, server.baseURL, {
      path: planUrl,
      action: ids.planTask,
      root,
      fields: taskForm(),
    });
    tried++;
    if (answer.status >= 500) failures.push(`root ${root.slice(0, 30)}: HTTP ${answer.status}`);
    if (
      (await fingerprint()) !== before ||
      answer.state?.status === "ok" ||
      (answer.redirect && !/\/login/.test(answer.redirect))
    )
      failures.push(`root ${root.slice(0, 30)}: saved`);
  }
  // The same as a plain body (how the client sends arguments that hold no form), and a form without its root.
  const plainCall = (body: string) =>
    a.post("/powiadomienia", {
      headers: {
        "Next-Action": ids.openNotification,
        "Content-Type": "text/plain;charset=UTF-8",
        Origin: server.baseURL,
      },
      data: body,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
  for (const body of ["", "not json", `"${"a".repeat(1000)}"`, "null", "[", "[]", `[${world.notificationA}]`]) {
    await badRequest(a, `action body ${body.slice(0, 30)}`, () => plainCall(body));
  }
  // A decodable plain body is let through to the action (which wants a form and answers with the form error).
  expect((await plainCall(`[${world.notificationA}]`)).status()).toBe(200);
  expect((await plainCall("not json")).status()).toBe(400);
  await badRequest(a, "action form without its root", () =>
    a.post(planUrl, {
      headers: { "Next-Action": ids.planTask, Origin: server.baseURL },
      multipart: { _1_content: "x" },
      maxRedirects: 0,
      failOnStatusCode: false,
    }),
  );
  for (const actionId of ["", "0".repeat(42), "nie-ma-takiej-akcji", `${ids.planTask}x`]) {
    await badRequest(a, `unknown action ${actionId}`, () =>
      a.post(planUrl, {
        headers: { "Next-Action": actionId, Origin: server.baseURL },
        multipart: { "0": "[]" },
        maxRedirects: 0,
        failOnStatusCode: false,
      }),
    );
  }

  // Signing in: nonsense never signs anyone in; failed attempts are counted (sign_in_failures) and written to
  // "Dziennik zdarzeń" (audit_events), nothing else changes.
  for (const { label, fields } of mutations(
    [
      ["email", "nikt@attack.test"],
      ["password", "zle-haslo-123"],
    ],
    [],
  )) {
    await badAction(anon, `sign in ${label}`, { path: "/login", action: ids.signIn, fields }, undefined, [
      "sign_in_failures",
      "audit_events",
    ]);
  }

  // Lead sources (admin only) and the public enquiry form: a refused enquiry is logged under its source
  // (lead_submissions), nothing else changes.
  const sourceFields: Fields = [
    ["name", "Portal"],
    ["kind", "api"],
    ["showroomId", String(world.showroomA)],
    ["processSource", "listing_portal"],
    ["firstContactMinutes", "30"],
    ["rateLimitPerMinute", "60"],
    ["assigneeIds", String(world.ownerA.id)],
  ];
  for (const { label, fields } of mutations(sourceFields, [["firstContactMinutes", "0"]])) {
    await badAction(admin, `add lead source ${label}`, { path: "/zrodla-leadow", action: ids.addLeadSource, fields });
    await badAction(admin, `edit lead source ${label}`, {
      path: "/zrodla-leadow",
      action: ids.editLeadSource,
      bound: leads.api,
      fields,
    });
  }
  for (const assignee of ["abc", "0", "999999", String(world.admin.id), MB])
    await badAction(admin, `lead source assignee ${assignee.slice(0, 10)}`, {
      path: "/zrodla-leadow",
      action: ids.addLeadSource,
      fields: [...sourceFields.filter(([name]) => name !== "assigneeIds"), ["assigneeIds", assignee]],
    });
  // (The form source is no forgery for editing: it has no key to change.)
  for (const [action, forgedIds] of [
    [ids.editLeadSource, FORGED_BOUND],
    [ids.changeApiKey, [...FORGED_BOUND, leads.form]],
  ] as [string, unknown[]][])
    for (const forged of forgedIds)
      await badAction(
        admin,
        `lead source bound ${JSON.stringify(forged)}`,
        { path: "/zrodla-leadow", action, bound: forged, fields: sourceFields },
        /Nie znaleziono/,
      );
  for (const caller of [a, manager, anonymous.request])
    for (const [action, bound] of [
      [ids.addLeadSource, undefined],
      [ids.editLeadSource, leads.api],
      [ids.changeApiKey, leads.api],
    ] as [string, unknown][])
      await badAction(caller, `forged: lead source`, { path: "/zrodla-leadow", action, bound, fields: sourceFields });
  const enquiry: Fields = [
    ["firstName", "Ola"],
    ["lastName", "Wrona"],
    ["phone", "605 100 200"],
    ["email", "ola@klient.test"],
    ["message", "Proszę o ofertę"],
    ["consentPhone", "on"],
  ];
  for (const who of [anonymous.request, a]) {
    for (const { label, fields } of mutations(enquiry, [["phone", "nie-telefon"]]))
      await badAction(
        who,
        `enquiry ${label}`,
        { path: `/formularz/${leads.form}`, action: ids.sendEnquiry, bound: leads.form, fields },
        undefined,
        ["lead_submissions"],
      );
    for (const forged of [...FORGED_BOUND, leads.api])
      await badAction(
        who,
        `enquiry bound ${JSON.stringify(forged)}`,
        { path: `/formularz/${leads.form}`, action: ids.sendEnquiry, bound: forged, fields: enquiry },
        /Nie znaleziono/,
      );
  }

  // The lead API: every bad input answers its 4xx with a JSON body; a refusal of a known source is logged.
  const leadApi = (body: string | Buffer, type: string | null, key: string | null = leads.apiKey) =>
    anon.post("/api/leads", {
      headers: { ...(type ? { "Content-Type": type } : {}), ...(key ? { Authorization: `Bearer ${key}` } : {}) },
      data: body,
      failOnStatusCode: false,
    });
  const leadBodies: [string, string | Buffer, string | null, string | null][] = [
    ["no key", '{"phone":"600100200"}', "application/json", null],
    ["a wrong key", '{"phone":"600100200"}', "application/json", "lead_zly"],
    ["a huge key", '{"phone":"600100200"}', "application/json", MB.slice(0, 5000)],
    ["a wrong type", "phone=600100200", "text/plain", leads.apiKey],
    ["multipart", "x", "multipart/form-data; boundary=zzz", leads.apiKey],
    ["no type", '{"phone":"600100200"}', null, leads.apiKey],
    ["64 KB + 1 byte", "x".repeat(64 * 1024 + 1), "application/json", leads.apiKey],
    ["2 MB", MB + MB, "application/json", leads.apiKey],
    ["broken JSON", '{"phone": "600', "application/json", leads.apiKey],
    ["empty", "", "application/json", leads.apiKey],
    ["form without a key", "client_phone=600100200", "application/x-www-form-urlencoded", null],
    ["broken XML", "<adf><prospect>", "application/xml", leads.apiKey],
    ["not ADF", "<a>b</a>", "application/x-adf+xml", leads.apiKey],
    ["XXE", '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><adf>&x;</adf>', "application/xml", leads.apiKey],
  ];
  for (const value of NASTY) {
    for (const field of ["firstName", "phone", "email", "externalId", "consents"])
      leadBodies.push([
        `JSON ${field}=nasty`,
        JSON.stringify({ [field]: value, ...(field === "phone" ? { email: "x" } : { phone: "12" }) }),
        "application/json",
        leads.apiKey,
      ]);
    leadBodies.push([
      "form nasty",
      new URLSearchParams({ client_first_name: value, client_phone: "12" }).toString(),
      "application/x-www-form-urlencoded",
      leads.apiKey,
    ]);
  }
  for (const shape of ["[1,2]", "null", "42", '"x"', '{"phone":{"$ne":1}}', '{"__proto__":{"phone":"600100200"}}'])
    leadBodies.push([`JSON ${shape}`, shape, "application/json", leads.apiKey]);
  for (const [label, body, type, key] of leadBodies) {
    await badRequest(
      anon,
      `POST /api/leads ${label}`,
      async () => {
        const response = await leadApi(body, type, key);
        const status = response.status();
        const json = await response.json().catch(() => null);
        if (status < 400 || status >= 500 || json === null)
          failures.push(`POST /api/leads ${label}: HTTP ${status} ${JSON.stringify(json)?.slice(0, 80)}`);
        return response;
      },
      ["lead_submissions"],
    );
  }

  // Route handlers.
  const routes: [string, APIRequestContext, string][] = [];
  for (const id of [
    "abc",
    "0",
    "-1",
    "1.5",
    "1e3",
    "99999999999999999999",
    "2147483648",
    "%00",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    String(world.fileA) + "%00",
    "<script>",
    "NaN",
  ]) {
    routes.push([`/api/files/${id}`, a, "GET"]);
  }
  routes.push([`/api/files/${world.fileA}`, b, "GET"], [`/api/files/${world.fileA}`, anon, "GET"]);
  for (const secret of [
    "x",
    "",
    "..%2F..%2F",
    "%00",
    "a".repeat(4000),
    `${world.feedSecretA}x`,
    world.feedSecretA.toUpperCase(),
    `${world.feedSecretA.slice(0, -1)}.ics`,
    "<script>.ics",
  ]) {
    routes.push([`/api/calendar/${secret}`, anon, "GET"]);
  }
  for (const query of [
    "",
    "?tabela=<script>",
    "?tabela=aktywnosc&okres=2026-02-30",
    "?tabela=aktywnosc&okres=%00",
    "?tabela=lejek&okres=9999-99",
    "?tabela=dni",
    "?tabela=dni&uzytkownik=abc",
    `?tabela=dni&uzytkownik=${world.otherB.id}`,
    "?tabela=dni&uzytkownik=99999999999999999999",
    "?tabela=dni&uzytkownik=2147483648",
    "?tabela=aktywnosc&od=2026-13-01&do=2026-02-30",
    `?tabela=aktywnosc&okres=${"x".repeat(5000)}`,
    "?tabela=lejek&tryb=<b>",
    "?tabela=salony",
    "?tabela=aktywnosc&salon=abc",
    "?tabela=aktywnosc&salon=999999",
    "?tabela=salony&salon=-1",
  ]) {
    routes.push([`/statystyki/eksport${query}`, a, "GET"], [`/statystyki/eksport${query}`, manager, "GET"]);
  }
  // Customer data: malformed or foreign ids are "not found" (a real export would rightly be logged).
  for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "%00", "999999", "..%2F..%2Fetc"]) {
    routes.push([`/klienci/${id}/eksport`, manager, "GET"], [`/klienci/${id}/anonimizacja`, admin, "GET"]);
  }
  routes.push(
    [`/klienci/${world.customerA}/eksport`, a, "GET"],
    [`/klienci/${world.customerB}/eksport`, b, "GET"],
    [`/klienci/${world.customerA}/anonimizacja`, manager, "GET"],
    ["/klienci/do-anonimizacji?strona=-1", admin, "GET"],
  );
  for (const query of [
    "?uzytkownik=abc",
    "?uzytkownik=-1",
    "?uzytkownik=99999999999999999999",
    "?rodzaj=<script>",
    "?rodzaj=__proto__",
    "?od=2026-02-30&do=x",
    "?od=9999-99-99",
    "?strona=-5",
    "?strona=1e309",
    `?od=${"x".repeat(5000)}`,
    "?rodzaj=sign_in&rodzaj=file_download",
  ])
    routes.push([`/dziennik${query}`, admin, "GET"], [`/dziennik${query}`, a, "GET"]);
  routes.push(["/ustawienia?x=<script>", admin, "GET"]);
  routes.push(
    ["/api/notifications/unread?userId=1", a, "GET"],
    ["/api/notifications/unread", anon, "GET"],
    ["/api/notifications/unread", a, "POST"],
  );
  // "Samochód demo"'s free cars and the fleet's pages.
  for (const query of [
    "",
    "?proces=abc",
    "?proces=-1",
    `?proces=${world.processB}&startDate=2030-06-10&startTime=10:00`,
    `?proces=${world.processA}&startDate=2026-02-30&startTime=10:00`,
    `?proces=${world.processA}&startDate=2030-06-10&startTime=25:00`,
    `?proces=${world.processA}&startDate=2026-03-29&startTime=02:30`,
    `?proces=${world.processA}&startDate=${"9".repeat(5000)}`,
    `?proces=${world.processA}&startDate=2030-06-10&startTime=10:00&endDate=2030-06-09&endTime=09:00`,
    `?proces=${world.processA}&startDate=2030-06-10&allDay=on&allDay=on`,
  ])
    routes.push([`/api/flota/wolne${query}`, a, "GET"], [`/api/flota/wolne${query}`, anon, "GET"]);
  for (const url of [
    "/flota/kalendarz?tydzien=2026-02-30",
    "/flota/kalendarz?tydzien=<script>",
    "/flota/kalendarz?tydzien=1e309&tydzien=2",
    `/procesy/${world.processA}/zadania/abc/umowa`,
    `/procesy/${world.processA}/zadania/99999999999999999999/umowa`,
    `/procesy/${world.processA}/zadania/${world.taskA}/umowa`,
    `/procesy/abc/zadania/${world.taskA}/umowa`,
  ])
    routes.push([url, a, "GET"]);

  // Pages with query strings and path ids.
  for (const query of [
    "?status=<script>",
    "?owner=-1",
    "?owner=abc",
    "?owner=99999999999999999999",
    "?owner=2147483648",
    "?page=-5",
    "?page=1e309",
    `?q=${"%00".repeat(100)}`,
    `?q=${"x".repeat(6000)}`,
    "?sort=__proto__",
    "?flag=overdue&flag=no_contact",
    "?status=won&status=lost",
    "?salon=abc",
    "?salon=-1",
    "?salon=999999",
    "?salon=99999999999999999999",
    "?salon=1&salon=2",
  ]) {
    routes.push([`/procesy${query}`, a, "GET"], [`/procesy${query}`, manager, "GET"]);
  }
  for (const query of [
    "?okres=2026-02-30",
    "?okres=<script>",
    "?od=2026-03-29T02:30&do=x",
    `?uzytkownik=${world.otherB.id}`,
    "?tryb=x",
    "?okres=-1",
    "?salon=abc",
    "?salon=999999",
    "?salon=%00",
  ])
    routes.push([`/statystyki${query}`, a, "GET"], [`/statystyki${query}`, manager, "GET"]);
  for (const query of [
    "?miesiac=2026-02",
    "?miesiac=2026-13",
    "?data=2026-02-30",
    "?widok=<b>",
    "?tydzien=2026-03-29T02:30",
    "?od=abc",
    "?uzytkownik=2147483648",
    "?uzytkownik=1.5",
    "?salon=abc",
    "?salon=999999",
    "?salon=",
    `?uzytkownik=${world.otherB.id}&salon=-1`,
  ])
    routes.push([`/kalendarz${query}`, a, "GET"], [`/kalendarz${query}`, manager, "GET"]);
  routes.push(["/salony", a, "GET"], ["/salony", manager, "GET"], ["/salony?x=<b>", admin, "GET"]);
  routes.push(["/konto?x=<script>", a, "GET"], ["/konto", anon, "GET"], ["/login?code=%00", anon, "GET"]);
  for (const id of ["abc", "0", "-1", "999999", "1e3", "%00", "99999999999999999999"])
    routes.push([`/zrodla-leadow/${id}`, admin, "GET"], [`/formularz/${id}`, anon, "GET"]);
  routes.push(["/zrodla-leadow", a, "GET"], ["/zrodla-leadow?x=<b>", admin, "GET"], ["/api/leads", anon, "GET"]);
  for (const query of [
    "?zakres=<b>",
    "?strona=-1",
    "?data=2026-02-30",
    "?nadchodzace=-1",
    "?zalegle=0&dzisiaj=abc",
    "?nadchodzace=99999999999999999999",
    "?nadchodzace=1e9&nadchodzace=2",
    "?dzisiaj=1.5",
  ])
    routes.push([`/zadania${query}`, a, "GET"], [`/powiadomienia${query}`, a, "GET"]);
  for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999", "2147483648", String(world.processB), "%00"]) {
    routes.push(
      [`/procesy/${id}`, a, "GET"],
      [`/procesy/${id}/planowanie`, a, "GET"],
      [`/procesy/${id}/zadania/${world.taskA}/wykonaj`, a, "GET"],
      [`/procesy/${world.processA}/zadania/${id}/wykonaj`, a, "GET"],
      [`/procesy/${id}/zadania/${world.taskA}/termin`, a, "GET"],
      [`/procesy/${world.processA}/zadania/${id}/termin`, a, "GET"],
      [`/statystyki/${id}`, a, "GET"],
    );
  }
  for (const [url, who, method] of routes) {
    // A CSV export that a lenient query still answers is logged, as it should be.
    const logged = url.startsWith("/statystyki/eksport") ? ["audit_events"] : [];
    await badRequest(
      who,
      `${method} ${url.slice(0, 80)}`,
      () => who.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false }),
      logged,
    );
  }
  // next-auth's own routes.
  for (const path of [
    "/api/auth/session",
    "/api/auth/csrf",
    "/api/auth/providers",
    "/api/auth/signin",
    "/api/auth/signout",
    "/api/auth/nie-ma",
    "/api/auth/callback/credentials",
    "/api/auth/callback/nie-ma",
    "/api/auth/error?error=<script>",
  ]) {
    await badRequest(anon, `GET ${path}`, () => anon.get(path, { maxRedirects: 0, failOnStatusCode: false }), [
      "sign_in_failures",
    ]);
    await badRequest(
      anon,
      `POST ${path}`,
      () =>
        anon.post(path, {
          form: { email: "<script>", password: MB.slice(0, 10000), csrfToken: "zly" },
          maxRedirects: 0,
          failOnStatusCode: false,
        }),
      ["sign_in_failures"],
    );
  }
  // Uploads: no file, an empty file, no body, not multipart, a broken multipart, no session.
  const upload = (who: APIRequestContext, options: Parameters<APIRequestContext["post"]>[1]) => () =>
    who.post("/api/upload", { failOnStatusCode: false, ...options });
  await badRequest(a, "upload: no file", upload(a, { multipart: { note: "x" } }));
  await badRequest(
    a,
    "upload: empty file",
    upload(a, { multipart: { file: { name: "pusty.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) } } }),
  );
  await badRequest(a, "upload: no body", upload(a, {}));
  await badRequest(a, "upload: json", upload(a, { data: { file: "x" } }));
  await badRequest(
    a,
    "upload: broken multipart",
    upload(a, {
      headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
      data: '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nbez końca',
    }),
  );
  await badRequest(
    a,
    "upload: no boundary",
    upload(a, { headers: { "Content-Type": "multipart/form-data" }, data: "abc" }),
  );
  await badRequest(
    a,
    "upload: 21 files",
    upload(a, {
      multipart: Object.fromEntries(
        Array.from({ length: 21 }, (_, i) => [
          `file${i}`,
          { name: `p${i}.txt`, mimeType: "text/plain", buffer: Buffer.from("x") },
        ]),
      ),
    }),
  );
  await badRequest(
    anon,
    "upload: anonymous",
    upload(anon, { multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("x") } } }),
  );

  // "Importuj z pliku": the columns and settings of an import, its undo, and the upload of files.
  const importFields: Fields = [
    ["showroomId", String(world.showroomA)],
    ["defaultOwnerId", String(world.manager.id)],
    ["taskDate", "2030-09-02"],
    ["mapping", "lastName"],
    ["mapping", "phone"],
    ["intent", "preview"],
  ];
  const saveImport = (
    who: APIRequestContext,
    label: string,
    fields: Fields,
    bound: unknown = importA,
    message?: RegExp,
  ) =>
    badAction(
      who,
      `import settings ${label}`,
      { path: `/procesy/import/${importA}`, action: ids.saveImportAction, bound, fields },
      message,
    );
  for (const { label, fields } of mutations(importFields, [["taskDate", "2026-02-30"]]))
    await saveImport(manager, label, fields);
  for (const [label, mapping] of [
    ["a field twice", ["lastName", "lastName"]],
    ["no name", ["phone", ""]],
    ["one column too few", ["lastName"]],
    ["one column too many", ["lastName", "phone", "email"]],
    ["an unknown field", ["passwordHash", "lastName"]],
  ] as [string, string[]][])
    await saveImport(
      manager,
      label,
      [...importFields.filter(([name]) => name !== "mapping"), ...mapping.map((m): [string, string] => ["mapping", m])],
      importA,
      mapping.includes("passwordHash") ? undefined : /Popraw|kolumn|pola/,
    );
  for (const [label, change] of [
    ["a deactivated default owner", ["defaultOwnerId", String(world.deactivated.id)]],
    ["an unknown showroom", ["showroomId", "999999"]],
    ["an unknown owner", ["defaultOwnerId", "999999"]],
  ] as [string, [string, string]][])
    await saveImport(
      manager,
      label,
      importFields.map(([name, value]) => (name === change[0] ? change : [name, value])),
      importA,
      /Popraw zaznaczone pola/,
    );
  for (const forged of FORGED_BOUND) {
    await saveImport(manager, `bound ${JSON.stringify(forged)}`, importFields, forged, /Nie znaleziono/);
    await badAction(
      manager,
      `undo import bound ${JSON.stringify(forged)}`,
      { path: `/procesy/import/${importA}`, action: ids.undoImportAction, bound: forged, fields: [] },
      /Nie znaleziono/,
    );
  }
  await saveImport(a, "by a salesperson", importFields, importA, /Nie masz uprawnień/);
  await badAction(
    manager,
    "undo an import that has not run",
    { path: `/procesy/import/${importA}`, action: ids.undoImportAction, bound: importA, fields: [] },
    /Cofnąć można tylko zakończony import/,
  );
  const importUpload = (who: APIRequestContext, options: Parameters<APIRequestContext["post"]>[1]) => () =>
    who.post("/procesy/import/plik", { failOnStatusCode: false, maxRedirects: 0, ...options });
  const importFiles: [string, Buffer][] = [
    ["oferta.pdf", Buffer.from("%PDF-1.4\n\u0000\u0000")],
    ["zaszyfrowany.xlsx", Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(2048, 1)])],
    ["uciety.xlsx", Buffer.from("PK\u0003\u0004 nie zip")],
    ["pusty.csv", Buffer.from("\n\n")],
    ["naglowek.csv", Buffer.from("Nazwisko;Telefon\n")],
    ["formula.csv", Buffer.from("Nazwisko;Telefon\n=1+1;600100100\n")],
    ["szeroki.csv", Buffer.from(`${Array.from({ length: 200 }, (_, i) => `k${i}`).join(";")}\nx\n`)],
    ["cudzyslow.csv", Buffer.from('Nazwisko;Telefon\n"Nowak;600\n')],
    ["binarny.csv", Buffer.from([0, 1, 2, 3, 0, 255, 254])],
  ];
  for (const [name, buffer] of importFiles)
    await badRequest(
      manager,
      `import upload: ${name}`,
      importUpload(manager, { multipart: { plik: { name, mimeType: "text/csv", buffer } } }),
    );
  await badRequest(manager, "import upload: no file", importUpload(manager, { multipart: { note: "x" } }));
  await badRequest(manager, "import upload: no body", importUpload(manager, {}));
  await badRequest(
    manager,
    "import upload: broken multipart",
    importUpload(manager, {
      headers: { "Content-Type": "multipart/form-data; boundary=zzz" },
      data: '--zzz\r\nContent-Disposition: form-data; name="plik"; filename="a.csv"\r\n\r\nbez końca',
    }),
  );
  await badRequest(
    manager,
    "import upload: two files",
    importUpload(manager, {
      multipart: {
        a: { name: "a.csv", mimeType: "text/csv", buffer: Buffer.from("Nazwisko\nA\n") },
        b: { name: "b.csv", mimeType: "text/csv", buffer: Buffer.from("Nazwisko\nB\n") },
      },
    }),
  );
  for (const who of [a, anon])
    await badRequest(
      who,
      "import upload: not a manager",
      importUpload(who, {
        multipart: { plik: { name: "k.csv", mimeType: "text/csv", buffer: Buffer.from("Nazwisko\nA\n") } },
      }),
    );
  for (const url of [
    "/procesy/import?blad=<script>&n=1,2",
    "/procesy/import?blad=formula&n=-1,abc",
    "/procesy/import?blad=tooLarge&n=99999999999999999999",
    "/procesy/import/abc",
    "/procesy/import/0",
    `/procesy/import/${importA}?podglad=1`,
    "/procesy/import/-1/raport",
    "/procesy/import/99999999999999999999/raport",
  ])
    await badRequest(manager, `GET ${url}`, () => manager.get(url, { maxRedirects: 0, failOnStatusCode: false }));
  // "Połącz": forged ids, the same customer twice, a customer outside the pair, no choice; the pair stays.
  const merge = (who: APIRequestContext, label: string, bound: unknown, fields: Fields, message?: RegExp) =>
    badAction(
      who,
      `merge customers: ${label}`,
      { path: "/procesy/duplikaty", action: ids.mergeCustomersAction, bound, fields },
      message,
    );
  const mergeFields = (over: Record<string, string> = {}): Fields =>
    Object.entries({ otherId: String(dublet.customerId), keep: String(dubel.customerId), ...over });
  for (const forged of FORGED_BOUND)
    await merge(manager, `bound ${JSON.stringify(forged)}`, forged, mergeFields(), /Nie znaleziono/);
  for (const otherId of ["", "abc", "-1", "0", "1.5", "1e3", " 12", "999999999999", "99999999999999999999"])
    await merge(manager, `other ${JSON.stringify(otherId)}`, dubel.customerId, mergeFields({ otherId }));
  await merge(manager, "other unknown", dubel.customerId, mergeFields({ otherId: "999999" }), /Nie znaleziono/);
  for (const keep of ["", "abc", "-5", "0", "2.5"])
    await merge(manager, `keep ${JSON.stringify(keep)}`, dubel.customerId, mergeFields({ keep }), /Popraw/);
  await merge(
    manager,
    "no keep choice",
    dubel.customerId,
    mergeFields().filter(([name]) => name !== "keep"),
    /Popraw zaznaczone pola/,
  );
  await merge(
    manager,
    "keep a third customer",
    dubel.customerId,
    mergeFields({ keep: String(stranger.customerId) }),
    /Popraw zaznaczone pola/,
  );
  await merge(
    manager,
    "the same customer twice",
    dubel.customerId,
    mergeFields({ otherId: String(dubel.customerId) }),
    /dwóch różnych klientów/,
  );
  await merge(
    manager,
    "customers sharing nothing",
    dubel.customerId,
    mergeFields({ otherId: String(stranger.customerId), keep: String(stranger.customerId) }),
    /nie mają wspólnego telefonu ani e-maila/,
  );
  await merge(a, "by a salesperson", dubel.customerId, mergeFields(), /Nie masz uprawnień/);
  for (const url of [
    "/procesy/duplikaty?polaczono=abc",
    "/procesy/duplikaty?polaczono=999999",
    "/procesy/duplikaty?polaczono=-1",
  ])
    await badRequest(manager, `GET ${url}`, () => manager.get(url, { maxRedirects: 0, failOnStatusCode: false }));
  // Exports are logged, as they should be: only the event log may change.
  for (const query of [
    "?status=<b>",
    "?owner=abc",
    "?owner=999999",
    "?salon=-1",
    "?q=" + "x".repeat(500),
    "?sort=1;drop",
  ])
    await badRequest(
      manager,
      `GET /procesy/eksport${query.slice(0, 30)}`,
      () => manager.get(`/procesy/eksport${query}`, { maxRedirects: 0, failOnStatusCode: false }),
      ["audit_events"],
    );

  console.log(`Bad input: ${tried} requests tried, ${failures.length} failures`);
  expect(failures).toEqual([]);
  expect(tried).toBeGreaterThanOrEqual(500);
  // No unhandled errors in the log.
  const logged = serverErrors(server.logFile, logStart);
  expect(logged.filter((line) => !FRAMEWORK_NOISE.test(line))).toEqual([]);
}, 900_000);
