import "server-only";
import fs from "node:fs";
import path from "node:path";
import { and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import { defineStatement, getDb, transaction, tryAdvisoryLock, valueOf, type Executor } from "@/db/client";
import { importSkips, imports, processes, tasks, userShowrooms, users, type Import } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { recordConsents } from "@/lib/consents/record";
import { customersWithContact, insertCustomer } from "@/lib/customers/records";
import { processIsClosed } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { writeProcessEvent } from "@/lib/processes/events";
import { insertProcess } from "@/lib/processes/records";
import { startOfLocalDay } from "@/lib/time";
import { foldText, parseRow, type ImportRow } from "./fields";
import { IMPORT_LIMITS } from "./limits";
import { mappingOf } from "./queries";
import { readRows, RefusedFile, type FileFormat } from "./read";
import { removeImported } from "./undo";

/** A running import whose last batch is older than this was interrupted (a restart): another run takes it over. */
const STALE_MS = 60_000;

export function storedImportPath(storedName: string): string {
  return path.join(config.importsDir, path.basename(storedName));
}

export function formatOf(record: Pick<Import, "format" | "encoding" | "delimiter">): FileFormat {
  return record.format === "xlsx"
    ? { format: "xlsx" }
    : {
        format: "csv",
        encoding: record.encoding === "windows-1250" ? "windows-1250" : "utf-8",
        delimiter: record.delimiter === "," ? "," : ";",
      };
}

/** Takes a running import for this run: one that nobody works on (just started, or stale). */
async function claim(importId: number, now: Date): Promise<Import | undefined> {
  return transaction(async (tx) => {
    const [claimed] = await tx
      .update(imports)
      .set({ heartbeatAt: now })
      .where(
        and(
          eq(imports.id, importId),
          eq(imports.state, "running"),
          or(isNull(imports.heartbeatAt), lt(imports.heartbeatAt, new Date(now.getTime() - STALE_MS))),
        ),
      )
      .returning();
    return claimed;
  });
}

type Owners = { byEmail: Map<string, number>; byName: Map<string, number> };

/** The active people of the import's showroom, by e-mail and by name: whom "Opiekun" may name. */
async function ownersOf(tx: Executor, showroomId: number): Promise<Owners> {
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userShowrooms, eq(userShowrooms.userId, users.id))
    .where(and(eq(userShowrooms.showroomId, showroomId), eq(users.active, true)));
  return {
    byEmail: new Map(people.map((person) => [person.email.toLowerCase(), person.id])),
    byName: new Map(people.map((person) => [foldText(person.name), person.id])),
  };
}

function ownerFor(row: ImportRow, owners: Owners, fallback: number): number {
  if (!row.owner) return fallback;
  return owners.byEmail.get(row.owner.toLowerCase()) ?? owners.byName.get(foldText(row.owner)) ?? fallback;
}

type BatchRow = { number: number; cells: string[] };

// The statements every row runs, built once (defineStatement) and run in the batch's transaction: drizzle
// would otherwise build each one's SQL anew for every row, which was most of an import's time.
const p = sql.placeholder;

/** The customer's cars so far: compared in JS, as SQLite's lower() folds only ASCII ("Škoda"). */
const carsOf = defineStatement((db) =>
  db
    .select({ brand: processes.brand, model: processes.model })
    .from(processes)
    .where(eq(processes.customerId, p("customerId"))),
);

const sameText = (a: string, b: string) => a.toLocaleLowerCase("pl") === b.toLocaleLowerCase("pl");

const insertFirstTask = defineStatement((db) =>
  db
    .insert(tasks)
    .values({
      processId: valueOf("processId"),
      assigneeId: valueOf("assigneeId"),
      plannedById: valueOf("plannedById"),
      goal: "phone_contact",
      allDay: true,
      dueDate: valueOf("dueDate"),
      dueAt: valueOf("dueAt"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: tasks.id }),
);

const insertSkip = defineStatement((db) =>
  db
    .insert(importSkips)
    .values({
      importId: valueOf("importId"),
      rowNumber: valueOf("rowNumber"),
      reason: valueOf("reason"),
    })
    .returning({ id: importSkips.id }),
);

/** One batch of rows, in the caller's transaction: customers, processes, their first tasks, consents, skips. */
async function importBatch(
  tx: Executor,
  record: Import,
  rows: BatchRow[],
  now: Date,
): Promise<{ processes: number; customers: number }> {
  const mapping = mappingOf(record);
  const owners = await ownersOf(tx, record.showroomId!);
  const taskDue = startOfLocalDay(record.taskDate!);
  // The batch's statements, looked up once for its rows.
  const findByPhone = customersWithContact({ phone: true, email: false }, tx);
  const findByEmail = customersWithContact({ phone: false, email: true }, tx);
  const findByBoth = customersWithContact({ phone: true, email: true }, tx);
  const carsOfCustomer = carsOf({}, tx);
  const newCustomer = insertCustomer({}, tx);
  const newProcess = insertProcess({}, tx);
  const firstTask = insertFirstTask({}, tx);
  const skipped = insertSkip({}, tx);
  const skip = (rowNumber: number, reason: string) => skipped.all({ importId: record.id, rowNumber, reason });
  let createdProcesses = 0;
  let createdCustomers = 0;

  for (const { number, cells } of rows) {
    const { row, errors } = parseRow(cells, mapping);
    if (errors.length) {
      await skip(number, errors.join("; "));
      continue;
    }
    const find = row.phone ? (row.email ? findByBoth : findByPhone) : row.email ? findByEmail : undefined;
    const existing = await find?.get({ phone: row.phone, email: row.email });
    let customerId: number;
    if (existing) {
      customerId = existing.id;
      const same = (await carsOfCustomer.all({ customerId })).some(
        (car) => sameText(car.brand, row.brand) && sameText(car.model, row.model),
      );
      if (same) {
        await skip(number, t.imports.rowErrors.alreadyThere);
        continue;
      }
    } else {
      const inserted = await newCustomer.get({
        firstName: row.firstName,
        lastName: row.lastName,
        phone: row.phone,
        email: row.email,
        importId: record.id,
        createdAt: row.createdAt ?? now,
      });
      customerId = inserted!.id;
      createdCustomers++;
    }
    if (Object.keys(row.consents).length) {
      await recordConsents(tx, {
        customerId,
        channels: row.consents,
        source: "import",
        by: record.userId,
        at: now,
        importId: record.id,
        logged: false,
        address: null,
        newCustomer: !existing,
      });
    }
    const ownerId = ownerFor(row, owners, record.defaultOwnerId!);
    const createdAt = row.createdAt ?? now;
    const process = (await newProcess.get({
      customerId,
      brand: row.brand,
      model: row.model,
      vehicleNotes: row.vehicleNotes,
      source: row.source,
      showroomId: record.showroomId!,
      ownerId,
      status: row.status,
      resignationReason: row.status === "resigned" ? row.resignationReason : null,
      createdById: record.userId,
      createdAt,
      now,
      importId: record.id,
    }))!;
    createdProcesses++;
    await writeProcessEvent(tx, {
      processId: process.id,
      userId: record.userId,
      kind: "created",
      to: row.status,
      at: createdAt,
    });
    // An import never leaves an open process without its next contact planned.
    if (!processIsClosed(row.status)) {
      await firstTask.all({
        processId: process.id,
        assigneeId: ownerId,
        plannedById: record.userId,
        dueDate: record.taskDate!,
        dueAt: taskDue,
        createdAt: now,
      });
    }
  }
  return { processes: createdProcesses, customers: createdCustomers };
}

/** Lets the server answer its requests between two batches (better-sqlite3 works synchronously). */
const breathe = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Imports a running import's rows from where it stopped, a batch per transaction, each committed with its
 * progress ("Zaimportowano N z M"), so a restart goes on from the last batch. An error in the run rolls
 * back the whole import (lib/import/undo.ts): an import is done in full or not at all. Never throws.
 */
export async function runImport(importId: number, now: () => Date = () => new Date()): Promise<void> {
  const claimed = await claim(importId, now());
  if (!claimed) return;
  let record = claimed;
  try {
    let index = 0;
    let batch: BatchRow[] = [];
    let header = true;
    const commit = async () => {
      const rows = batch;
      batch = [];
      const at = now();
      record = await transaction(async (tx) => {
        const [current] = await tx.select().from(imports).where(eq(imports.id, importId));
        if (current?.state !== "running") throw new Error(`import ${importId} is no longer running`);
        const created = await importBatch(tx, current, rows, at);
        const [updated] = await tx
          .update(imports)
          .set({
            doneRows: current.doneRows + rows.length,
            createdProcesses: current.createdProcesses + created.processes,
            createdCustomers: current.createdCustomers + created.customers,
            heartbeatAt: at,
          })
          .where(eq(imports.id, importId))
          .returning();
        return updated;
      });
      await breathe();
    };
    for await (const row of readRows(storedImportPath(record.storedName), formatOf(record))) {
      if (header) {
        header = false;
        continue;
      }
      // Rows committed before an interruption are not imported twice.
      if (index++ < record.doneRows) continue;
      batch.push(row);
      if (batch.length >= IMPORT_LIMITS.batchRows) await commit();
    }
    if (batch.length) await commit();
    await finish(record, now());
    await removeFile(record.storedName);
  } catch (error) {
    if (!(error instanceof RefusedFile)) console.error("[import]", error);
    await fail(importId, error instanceof RefusedFile ? error.message : t.common.genericError, now()).catch((failure) =>
      console.error("[import]", failure),
    );
    await removeFile(record.storedName);
  }
}

/** The uploaded file, once its import has ended: nothing reads it again. */
async function removeFile(storedName: string): Promise<void> {
  await fs.promises.rm(storedImportPath(storedName), { force: true }).catch(() => undefined);
}

/** Done: the counts in "Dziennik zdarzeń", and one notification to each other owner of what came to them. */
async function finish(record: Import, at: Date): Promise<void> {
  await transaction(async (tx) => {
    const [skipped] = await tx.select({ n: count() }).from(importSkips).where(eq(importSkips.importId, record.id));
    await tx
      .update(imports)
      .set({ state: "done", finishedAt: at, heartbeatAt: at, doneRows: record.totalRows })
      .where(eq(imports.id, record.id));
    await recordEvent(tx, {
      kind: "import_run",
      userId: record.userId,
      details: {
        importId: record.id,
        file: record.fileName,
        processes: record.createdProcesses,
        customers: record.createdCustomers,
        skipped: skipped.n,
      },
      address: null,
      at,
    });
    const perOwner = await tx
      .select({ ownerId: processes.ownerId, n: count() })
      .from(processes)
      .where(eq(processes.importId, record.id))
      .groupBy(processes.ownerId);
    for (const { ownerId, n } of perOwner) {
      await notify(tx, {
        userId: ownerId,
        kind: "assigned",
        actorId: record.userId,
        message: t.imports.notification(n, record.fileName),
        at,
      });
    }
  });
}

/** Failed: what it had imported is removed, the reason kept for the page. */
async function fail(importId: number, reason: string, at: Date): Promise<void> {
  await transaction(async (tx) => {
    await removeImported(tx, importId);
    await tx
      .update(imports)
      .set({ state: "failed", error: reason, finishedAt: at, heartbeatAt: at })
      .where(eq(imports.id, importId));
  });
}

const globalForImports = globalThis as unknown as { salonImports?: Map<number, Promise<void>> };

/**
 * Starts the import's run in this server, unless it already runs here or on another server on one
 * PostgreSQL database (the run holds a lock of its own: a slow batch's stale heartbeat does not let another
 * server take the import over while its run goes on; a server that dies loses the lock with its
 * connection); resolves when the run ends. Never rejects.
 */
export function runInBackground(importId: number): Promise<void> {
  const running = (globalForImports.salonImports ??= new Map());
  let run = running.get(importId);
  if (!run) {
    run = tryAdvisoryLock(`salon-crm import ${importId}`, () => runImport(importId))
      .then(
        () => undefined,
        (error) => console.error("[import]", error),
      )
      .finally(() => running.delete(importId));
    running.set(importId, run);
  }
  return run;
}

/** The run of this import in this server, if one is going on (tests wait for it). */
export function importRunning(importId: number): Promise<void> | undefined {
  return globalForImports.salonImports?.get(importId);
}

/** Imports interrupted by a restart (their last batch is stale) go on: called by the background loop. */
export async function resumeInterruptedImports(now = new Date()): Promise<void> {
  const stale = await getDb()
    .select({ id: imports.id })
    .from(imports)
    .where(and(eq(imports.state, "running"), lt(imports.heartbeatAt, new Date(now.getTime() - STALE_MS))));
  for (const { id } of stale) void runInBackground(id);
}
