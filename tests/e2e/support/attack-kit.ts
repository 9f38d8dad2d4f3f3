import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { APIRequestContext } from "playwright-core";
import { closeDb, getDb, rawRows } from "@/db/client";
import * as schema from "@/db/schema";
import { createFeedSecret } from "@/lib/calendar/feed";
import { newServerDatabase, pointAtServer } from "@/tests/support/database";
import {
  attachTestFile,
  findUserByEmail,
  insertNotification,
  insertProcess,
  insertTask,
  insertShowroom,
  insertUser,
  type TestUser,
} from "@/tests/support/fixtures";
import { ADMIN, startServer, stopServer, type RunningServer } from "@/tests/support/server";

/**
 * The attack tests' kit: a server of their own (nobody else writes to its database while they check that
 * nothing changed), real fixtures for every role, server actions called without a browser, and a
 * fingerprint of the database.
 */

export type OwnServer = RunningServer & {
  dataDir: string;
  databaseUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * A server of the test's own, on a database of its own (or, to restart one, the same folder, database and
 * port); the test's fixtures and reads go there too.
 */
export async function ownServer(
  env: Record<string, string> = {},
  reuse?: { dataDir: string; databaseUrl: string; port: number },
): Promise<OwnServer> {
  const dataDir = reuse?.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-attack-"));
  const databaseUrl = reuse?.databaseUrl ?? (await newServerDatabase());
  const settings = { REMINDER_POLL_MS: "600000", ...env };
  const server = await startServer({ dataDir, databaseUrl, port: reuse?.port, env: settings });
  pointAtServer({ dataDir, databaseUrl });
  return {
    ...server,
    dataDir,
    databaseUrl,
    env: settings,
    async stop() {
      await closeDb();
      await stopServer(server);
      if (process.env.ATTACK_KEEP_DATA) console.log(`kept ${dataDir}`);
      else fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Person = Pick<TestUser, "id" | "email" | "password" | "name" | "role">;

/**
 * Stops the server and starts it again on the same data folder, database and port (signed-in browsers stay
 * signed in), with `env` added to its settings; `between` runs while it is down.
 */
export async function restartOwnServer(
  server: OwnServer,
  env: Record<string, string> = {},
  between: () => Promise<void> | void = () => undefined,
): Promise<OwnServer> {
  await stopServer(server);
  await between();
  return ownServer(
    { ...server.env, ...env },
    { dataDir: server.dataDir, databaseUrl: server.databaseUrl, port: server.port },
  );
}

/** A user named `name`, with an e-mail made of it (attack tests sign in as them), working in `showroomIds` (by default the first showroom). */
export function insertPerson(
  role: "salesperson" | "manager" | "admin",
  name: string,
  showroomIds?: number[],
): Promise<Person> {
  return insertUser(role, { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@attack.test`, showroomIds });
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

/** A customer and an open process of `ownerId` in a showroom (by default the owner's first). */
function openProcess(ownerId: number, lastName: string, showroomId?: number) {
  return insertProcess(ownerId, {
    status: "in_progress",
    showroomId,
    customer: { firstName: "Zofia", lastName, phone: `+4860${ownerId}${Date.now() % 100000}` },
    vehicle: { brand: "Toyota", model: "Corolla" },
  });
}

/** A planned task far in the future: the reminder poller leaves it alone. */
function futureTask(processId: number, assigneeId: number) {
  const due = new Date(Date.UTC(2030, 5, 3, 8, 0));
  return insertTask(processId, assigneeId, { startAt: due, endAt: new Date(due.getTime() + 1_800_000), dueAt: due });
}

/** Two salespeople, a manager, an admin, a to-be-deactivated salesperson; A's process with a task, a file, a notification and a feed. */
export async function buildWorld(): Promise<World> {
  const admin = { ...(await findUserByEmail(ADMIN.email)), password: ADMIN.password };
  const manager = await insertPerson("manager", "Marek Kierownik");
  const ownerA = await insertPerson("salesperson", "Anna Sprzedawczyni");
  const otherB = await insertPerson("salesperson", "Bartek Sprzedawca");
  const deactivated = await insertPerson("salesperson", "Dawid Odchodzacy");
  const a = await openProcess(ownerA.id, "Annowa");
  const b = await openProcess(otherB.id, "Bartkowa");
  const taskA = await futureTask(a.id, ownerA.id);
  const taskB = await futureTask(b.id, otherB.id);
  const fileA = await attachTestFile(taskA.id, ownerA.id, "oferta.pdf");
  const notificationA = await insertNotification({
    userId: ownerA.id,
    kind: "assigned",
    processId: a.id,
    actorId: manager.id,
    message: "Przydzielono proces",
  });
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
    taskA: taskA.id,
    taskB: taskB.id,
    fileA: fileA.id,
    notificationA: notificationA.id,
    feedSecretA: await createFeedSecret({ userId: ownerA.id }),
    showroomA: a.showroomId,
  };
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
export async function buildSecondShowroom(world: World): Promise<SecondShowroom> {
  const { id: showroom } = await insertShowroom({ name: "Salon Północ" });
  const manager = await insertPerson("manager", "Beata Kierowniczka", [showroom]);
  const seller = await insertPerson("salesperson", "Sebastian Północny", [showroom]);
  const process = (await openProcess(seller.id, "Północna", showroom)).id;
  const task = (await futureTask(process, seller.id)).id;
  const file = (await attachTestFile(task, seller.id, "oferta-polnoc.pdf")).id;
  const strayTask = (await futureTask(process, world.manager.id)).id;
  return {
    showroom,
    manager,
    seller,
    process,
    task,
    file,
    feedSecretManagerA: await createFeedSecret({ userId: world.manager.id }),
    strayTask,
  };
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

const tables = (Object.values(schema) as unknown[]).filter((table): table is SQLiteTable => is(table, SQLiteTable));

/**
 * Row counts and a checksum of every table, read through the app's data layer (the same on both
 * databases): equal fingerprints mean an unchanged database.
 */
export async function fingerprint(ignoreTables: readonly string[] = []): Promise<string> {
  const read = tables
    .filter((table) => !ignoreTables.includes(getTableName(table)))
    .map(async (table) => ({
      name: getTableName(table),
      // Plain SQL: drizzle's building of a select of every column costs more than the read itself.
      rows: (await rawRows(getDb(), sql`SELECT * FROM ${table}`)).map((row) => JSON.stringify(row)).sort(),
    }));
  const hash = crypto.createHash("sha256");
  const counts: string[] = [];
  for (const { name, rows } of await Promise.all(read)) {
    counts.push(`${name}=${rows.length}`);
    hash.update(name).update(rows.join("\n"));
  }
  return `${counts.join(" ")} #${hash.digest("hex").slice(0, 16)}`;
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
    .filter((line) =>
      /⨯|Unhandled|uncaught|TypeError|ReferenceError|SqliteError|DrizzleQueryError|\[action\]|\[uploads\]|\[db\]/i.test(
        line,
      ),
    );
}
