import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import { startServer, stopServer, type RunningServer } from "@/tests/support/server";
import { LoginPage } from "../pages/login-page";
import { FIRST_SHOWROOM, joinShowroom } from "./db-fixtures";
import { serverPasswordHash } from "./password-hash";

/**
 * The attack tests' kit: a server of their own (nobody else writes to its database while they check that
 * nothing changed), real fixtures for every role, server actions called without a browser, and a
 * fingerprint of the database.
 */

export const ADMIN = { email: "admin@attack.test", password: "admin-haslo-atak" };

export type OwnServer = RunningServer & { dataDir: string; env: Record<string, string>; stop(): Promise<void> };

export async function ownServer(
  env: Record<string, string> = {},
  reuse?: { dataDir: string; port: number },
): Promise<OwnServer> {
  const dataDir = reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-attack-"));
  const settings = {
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_NAME: "Adam Admin",
    REMINDER_POLL_MS: "600000",
    ...env,
  };
  const server = await startServer({ dataDir, port: reuse?.port, env: settings });
  return {
    ...server,
    dataDir,
    env: settings,
    async stop() {
      await stopServer(server);
      if (process.env.ATTACK_KEEP_DATA) console.log(`kept ${dataDir}`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the server and starts it again on the same data folder and port (signed-in browsers stay signed
 * in), with `env` added to its settings; `between` runs while it is down.
 */
export async function restartOwnServer(
  server: OwnServer,
  env: Record<string, string> = {},
  between: () => void = () => undefined,
): Promise<OwnServer> {
  await stopServer(server);
  between();
  return ownServer({ ...server.env, ...env }, { dataDir: server.dataDir, port: server.port });
}

export function writableDb(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, "salon-crm.sqlite"));
  db.pragma("busy_timeout = 5000");
  return db;
}

export type Person = { id: number; email: string; password: string; name: string; role: string };

/** A user working in `showroomId` (by default the first showroom). */
export function insertPerson(
  db: Database.Database,
  role: "salesperson" | "manager" | "admin",
  name: string,
  showroomId?: number,
): Person {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}@attack.test`;
  const password = `haslo-${role}-123`;
  const id = Number(
    db
      .prepare("insert into users (name, email, password_hash, role) values (?, ?, ?, ?)")
      .run(name, email, serverPasswordHash(password), role).lastInsertRowid,
  );
  joinShowroom(db, id, showroomId);
  return { id, email, password, name, role };
}

export type World = {
  admin: Person;
  manager: Person;
  ownerA: Person;
  otherB: Person;
  deactivated: Person;
  processA: number;
  processB: number;
  taskA: number;
  taskB: number;
  fileA: number;
  notificationA: number;
  feedSecretA: string;
  customerA: number;
  customerB: number;
  /** The installation's one showroom, where everyone works. */
  showroomA: number;
};

/** A customer and an open process of `ownerId` in a showroom (the first by default). */
function insertProcessRow(db: Database.Database, ownerId: number, lastName: string, showroomId?: number) {
  const customerId = Number(
    db
      .prepare("insert into customers (first_name, last_name, phone) values ('Zofia', ?, ?)")
      .run(lastName, `+4860${ownerId}${Date.now() % 100000}`).lastInsertRowid,
  );
  const id = Number(
    db
      .prepare(
        `insert into processes (customer_id, brand, model, source, owner_id, status, showroom_id) values (?, 'Toyota', 'Corolla', 'showroom', ?, 'in_progress', coalesce(?, ${FIRST_SHOWROOM}))`,
      )
      .run(customerId, ownerId, showroomId ?? null).lastInsertRowid,
  );
  return { id, customerId };
}

/** A planned task, far in the future: the reminder poller leaves it alone. */
function insertTaskRow(db: Database.Database, processId: number, assigneeId: number): number {
  const due = Date.UTC(2030, 5, 3, 8, 0);
  return Number(
    db
      .prepare(
        "insert into tasks (process_id, assignee_id, planned_by_id, goal, all_day, start_at, end_at, due_at, state) values (?, ?, ?, 'phone_contact', 0, ?, ?, ?, 'planned')",
      )
      .run(processId, assigneeId, assigneeId, due, due + 1_800_000, due).lastInsertRowid,
  );
}

/** A file attached to a task, its bytes under the uploads folder. */
function insertFileRow(db: Database.Database, dataDir: string, taskId: number, userId: number, text: string): number {
  const storedName = crypto.randomBytes(18).toString("base64url");
  fs.mkdirSync(path.join(dataDir, "uploads"), { recursive: true });
  const bytes = Buffer.from(text);
  fs.writeFileSync(path.join(dataDir, "uploads", storedName), bytes);
  return Number(
    db
      .prepare(
        "insert into task_files (task_id, token, original_name, stored_name, size, mime_type, sha256, uploaded_by_id) values (?, ?, 'oferta.txt', ?, ?, 'text/plain', ?, ?)",
      )
      .run(
        taskId,
        crypto.randomBytes(18).toString("base64url"),
        storedName,
        bytes.length,
        crypto.createHash("sha256").update(bytes).digest("hex"),
        userId,
      ).lastInsertRowid,
  );
}

/** A new calendar feed secret of the user (only its hash is stored). */
function giveFeedSecret(db: Database.Database, userId: number): string {
  const secret = crypto.randomBytes(32).toString("base64url");
  db.prepare("update users set calendar_feed_hash = ? where id = ?").run(
    crypto.createHash("sha256").update(secret).digest("hex"),
    userId,
  );
  return secret;
}

/** Two salespeople, a manager, an admin, a to-be-deactivated salesperson; A's process with a task, a file, a notification and a feed. */
export function buildWorld(dataDir: string): World {
  const db = writableDb(dataDir);
  try {
    const admin = {
      ...ADMIN,
      id: (db.prepare("select id from users where email = ?").get(ADMIN.email) as { id: number }).id,
      name: "Adam Admin",
      role: "admin",
    };
    const manager = insertPerson(db, "manager", "Marek Kierownik");
    const ownerA = insertPerson(db, "salesperson", "Anna Sprzedawczyni");
    const otherB = insertPerson(db, "salesperson", "Bartek Sprzedawca");
    const deactivated = insertPerson(db, "salesperson", "Dawid Odchodzacy");
    const a = insertProcessRow(db, ownerA.id, "Annowa");
    const b = insertProcessRow(db, otherB.id, "Bartkowa");
    const taskA = insertTaskRow(db, a.id, ownerA.id);
    const taskB = insertTaskRow(db, b.id, otherB.id);
    const fileA = insertFileRow(db, dataDir, taskA, ownerA.id, "Oferta dla klientki A\n");
    const notificationA = Number(
      db
        .prepare(
          "insert into notifications (user_id, kind, process_id, actor_id, message) values (?, 'assigned', ?, ?, 'Przydzielono proces')",
        )
        .run(ownerA.id, a.id, manager.id).lastInsertRowid,
    );
    const feedSecretA = giveFeedSecret(db, ownerA.id);
    return {
      admin,
      manager,
      ownerA,
      otherB,
      deactivated,
      processA: a.id,
      processB: b.id,
      customerA: a.customerId,
      customerB: b.customerId,
      taskA,
      taskB,
      fileA,
      notificationA,
      feedSecretA,
      showroomA: (db.prepare(`select ${FIRST_SHOWROOM} as id`).get() as { id: number }).id,
    };
  } finally {
    db.close();
  }
}

export type SecondShowroom = {
  showroom: number;
  /** Manages showroom B only (world's `manager` manages the first, A). */
  manager: Person;
  seller: Person;
  process: number;
  task: number;
  file: number;
  /** A feed of manager A's, and a task of B's process left to manager A (no change of the app leaves one). */
  feedSecretManagerA: string;
  strayTask: number;
};

/** A second showroom, "Salon Północ": its manager and salesperson, a process with a task, a file and a feed. */
export function buildSecondShowroom(dataDir: string, world: World): SecondShowroom {
  const db = writableDb(dataDir);
  try {
    const showroom = Number(db.prepare("insert into showrooms (name) values ('Salon Północ')").run().lastInsertRowid);
    const manager = insertPerson(db, "manager", "Beata Kierowniczka", showroom);
    const seller = insertPerson(db, "salesperson", "Sebastian Północny", showroom);
    const process = insertProcessRow(db, seller.id, "Północna", showroom).id;
    const task = insertTaskRow(db, process, seller.id);
    const file = insertFileRow(db, dataDir, task, seller.id, "Oferta salonu Północ\n");
    const strayTask = insertTaskRow(db, process, world.manager.id);
    return {
      showroom,
      manager,
      seller,
      process,
      task,
      file,
      feedSecretManagerA: giveFeedSecret(db, world.manager.id),
      strayTask,
    };
  } finally {
    db.close();
  }
}

/** A browser context signed in through the sign-in form. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  person: { email: string; password: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
  const page = await context.newPage();
  await new LoginPage(page).signInAs(person.email, person.password);
  await page.close();
  return context;
}

/** Server action ids of the build, by exported name (they are unique across the app). */
export function actionIds(): Record<string, string> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(
    fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { exportedName?: string }> };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) ids[entry.exportedName] = id;
  return ids;
}

export type ActionAnswer = {
  status: number;
  /** The state the action returned (its "status", "message", "fieldErrors"), when it returned one. */
  state?: { status?: string; message?: string; fieldErrors?: Record<string, string[]> };
  /** Where the action sent the browser (a redirect), if it did. */
  redirect?: string;
  body: string;
};

type Field = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Calls a server action the way React's client does (Next-Action header, `encodeReply` multipart: "0" holds
 * the arguments, the form's fields come as "_1_<name>"). `bound` is the id `action.bind(null, id)` adds,
 * as the raw JSON the client would send (so tests can forge it). `root` replaces the whole argument list;
 * `headers` are added to the request's own.
 */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  call: {
    path: string;
    action: string;
    bound?: unknown;
    fields?: [string, Field][];
    root?: string;
    headers?: Record<string, string>;
  },
): Promise<ActionAnswer> {
  const form = new FormData();
  const args = call.bound === undefined ? [{ status: "idle" }, "$K1"] : [call.bound, { status: "idle" }, "$K1"];
  for (const [name, value] of call.fields ?? []) {
    if (typeof value === "string") form.append(`_1_${name}`, value);
    else form.append(`_1_${name}`, new Blob([new Uint8Array(value.buffer)], { type: value.mimeType }), value.name);
  }
  // Last, as the browser sends it: the server resolves the form reference with the fields read so far.
  form.append("0", call.root ?? JSON.stringify(args));
  const response = await request.post(call.path, {
    headers: { "Next-Action": call.action, Accept: "text/x-component", Origin: baseURL, ...call.headers },
    multipart: form,
    maxRedirects: 0,
    failOnStatusCode: false,
    timeout: 60_000,
  });
  const body = await response.text();
  const answer: ActionAnswer = { status: response.status(), body };
  const redirect = response.headers()["x-action-redirect"];
  if (redirect) answer.redirect = redirect.split(";")[0];
  else if (response.status() >= 300 && response.status() < 400) answer.redirect = response.headers()["location"];
  // The RSC payload: row 1 is the state. A long string in it is a row of its own ("2:T<length>,<text>", no
  // newline after the text), so row 1 may follow on the same line.
  const match = /1:(\{"status".*)/.exec(body);
  if (match) {
    try {
      answer.state = JSON.parse(match[1]);
    } catch {
      // not a state
    }
  }
  return answer;
}

/** Row counts and a checksum of every table: equal fingerprints mean an unchanged database. */
export function fingerprint(dataDir: string, ignoreTables: readonly string[] = []): string {
  const db = new Database(path.join(dataDir, "salon-crm.sqlite"), { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name",
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    const hash = crypto.createHash("sha256");
    const counts: string[] = [];
    for (const table of tables.filter((name) => !ignoreTables.includes(name))) {
      const rows = db.prepare(`select * from "${table}" order by rowid`).raw().all();
      counts.push(`${table}=${rows.length}`);
      hash.update(table).update(JSON.stringify(rows));
    }
    return `${counts.join(" ")} #${hash.digest("hex").slice(0, 16)}`;
  } finally {
    db.close();
  }
}

/**
 * Next's own log line that no app code can prevent: a client that stops sending a refused (413) body
 * ("Error: aborted", logged as uncaught; the server carries on).
 */
export const FRAMEWORK_NOISE = /Error: aborted/;

/** Lines of the server's log that tell of an unhandled error. */
export function serverErrors(logFile: string, from = 0): string[] {
  const log = fs.readFileSync(logFile, "utf8").slice(from);
  return log
    .split("\n")
    .filter((line) => /⨯|Unhandled|uncaught|TypeError|ReferenceError|SqliteError|\[action\]|\[uploads\]/i.test(line));
}

export type LeadSourcesOfWorld = { api: number; apiKey: string; form: number };

/** An API source (with its key) and a web form source in a showroom, whose leads all go to `assigneeId`. */
export function insertLeadSources(dataDir: string, showroomId: number, assigneeId: number): LeadSourcesOfWorld {
  const db = writableDb(dataDir);
  try {
    const apiKey = `lead_${crypto.randomBytes(32).toString("base64url")}`;
    const insert = db.prepare(
      "insert into lead_sources (name, kind, showroom_id, process_source, key_hash, rate_limit_per_minute) values (?, ?, ?, 'website', ?, 100000)",
    );
    const api = Number(
      insert.run(
        `API ${apiKey.slice(5, 13)}`,
        "api",
        showroomId,
        crypto.createHash("sha256").update(apiKey).digest("hex"),
      ).lastInsertRowid,
    );
    const form = Number(insert.run(`Formularz ${apiKey.slice(5, 13)}`, "web_form", showroomId, null).lastInsertRowid);
    const assign = db.prepare("insert into lead_source_assignees (source_id, user_id) values (?, ?)");
    for (const source of [api, form]) assign.run(source, assigneeId);
    return { api, apiKey, form };
  } finally {
    db.close();
  }
}
