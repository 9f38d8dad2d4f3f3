import "server-only";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { and, asc, eq, inArray } from "drizzle-orm";
import yazl from "yazl";
import { getDb, transaction } from "@/db/client";
import {
  carBookings,
  demoCars,
  notes,
  processEvents,
  processes,
  taskFiles,
  tasks,
  users,
  type Customer,
} from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { customerConsents } from "@/lib/consents/queries";
import { t } from "@/lib/i18n";
import { visibleTo } from "@/lib/processes/access";
import { safeFileName, storedPath } from "@/lib/tasks/files";
import { describeTaskFromHistory } from "@/lib/tasks/format";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Where a file goes in the ZIP: its id keeps two files of the same name apart. */
export const zipPathOf = (file: { id: number; originalName: string }) =>
  `pliki/${file.id}-${safeFileName(file.originalName, 120)}`;

/**
 * Everything the dealership holds about one customer that this user may see (the caller found the customer
 * through `findVisibleCustomer`): the customer, consents, processes with their system entries, notes,
 * tasks and the list of files, with Polish labels for the enumerations. `files` says where each file's
 * bytes are, for the ZIP.
 */
export async function collectCustomerData({ user, customer }: { user: Viewer; customer: Customer }) {
  const db = getDb();
  const processRows = await db
    .select()
    .from(processes)
    .where(and(eq(processes.customerId, customer.id), visibleTo(user)))
    .orderBy(asc(processes.id));
  const processIds = processRows.map((process) => process.id);
  const none = processIds.length === 0;
  const [userRows, eventRows, noteRows, taskRows, fileRows, consentRows, testDriveRows] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users),
    none
      ? []
      : db
          .select()
          .from(processEvents)
          .where(inArray(processEvents.processId, processIds))
          .orderBy(asc(processEvents.createdAt), asc(processEvents.id)),
    none
      ? []
      : db
          .select()
          .from(notes)
          .where(inArray(notes.processId, processIds))
          .orderBy(asc(notes.createdAt), asc(notes.id)),
    none
      ? []
      : db.select().from(tasks).where(inArray(tasks.processId, processIds)).orderBy(asc(tasks.dueAt), asc(tasks.id)),
    none
      ? []
      : db
          .select({ file: taskFiles, processId: tasks.processId })
          .from(taskFiles)
          .innerJoin(tasks, eq(tasks.id, taskFiles.taskId))
          .where(inArray(tasks.processId, processIds))
          .orderBy(asc(taskFiles.id)),
    customerConsents(customer.id).then((consents) => consents.history),
    none
      ? []
      : db
          .select({ booking: carBookings, car: demoCars, processId: tasks.processId })
          .from(carBookings)
          .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
          .innerJoin(demoCars, eq(demoCars.id, carBookings.carId))
          .where(inArray(tasks.processId, processIds))
          .orderBy(asc(carBookings.startAt), asc(carBookings.id)),
  ]);
  const names = new Map(userRows.map((row) => [row.id, row.name]));
  const nameOf = (id: number | null) => (id == null ? null : (names.get(id) ?? null));
  const statusLabel = (value: string | null) =>
    value && value in t.labels.processStatus
      ? t.labels.processStatus[value as keyof typeof t.labels.processStatus]
      : value;
  const eventValue = (kind: string, value: string | null) =>
    kind === "owner"
      ? nameOf(Number(value))
      : kind === "task_moved" || kind === "task_dropped"
        ? value && describeTaskFromHistory(value)
        : statusLabel(value);

  const files = fileRows.map(({ file, processId }) => {
    const onDisk = fs.existsSync(storedPath(file.storedName));
    return {
      entry: {
        id: file.id,
        processId,
        taskId: file.taskId,
        name: file.originalName,
        size: file.size,
        type: file.mimeType,
        sha256: file.sha256,
        uploadedAt: iso(file.createdAt),
        uploadedBy: nameOf(file.uploadedById),
        path: onDisk ? zipPathOf(file) : null,
        ...(onDisk ? {} : { note: t.customers.export.missingFile }),
      },
      source: onDisk ? storedPath(file.storedName) : null,
    };
  });

  const data = {
    exportedAt: new Date().toISOString(),
    customer: {
      id: customer.id,
      firstName: customer.firstName,
      lastName: customer.lastName,
      phone: customer.phone,
      email: customer.email,
      createdAt: iso(customer.createdAt),
      anonymizedAt: iso(customer.anonymizedAt),
    },
    consents: consentRows.map((record) => ({
      channel: t.consents.channel[record.channel],
      granted: record.granted,
      recordedAt: iso(record.recordedAt),
      source: t.labels.consentSource[record.source],
      recordedBy: record.recordedByName,
      text: record.text,
    })),
    processes: processRows.map((process) => ({
      id: process.id,
      brand: process.brand,
      model: process.model,
      vehicleNotes: process.vehicleNotes,
      source: t.labels.leadSource[process.source],
      status: t.labels.processStatus[process.status],
      resignationReason: process.resignationReason,
      owner: nameOf(process.ownerId),
      createdAt: iso(process.createdAt),
      updatedAt: iso(process.updatedAt),
      history: eventRows
        .filter((event) => event.processId === process.id)
        .map((event) => ({
          at: iso(event.createdAt),
          kind: event.kind,
          from: eventValue(event.kind, event.fromValue),
          to: eventValue(event.kind, event.toValue),
          reason: event.reason,
          by: nameOf(event.userId),
        })),
    })),
    notes: noteRows.map((note) => ({
      id: note.id,
      processId: note.processId,
      createdAt: iso(note.createdAt),
      author: nameOf(note.authorId),
      initiative: t.labels.initiative[note.initiative],
      type: t.labels.noteType[note.type],
      content: note.content,
      taskId: note.taskId,
    })),
    tasks: taskRows.map((task) => ({
      id: task.id,
      processId: task.processId,
      goal: t.labels.taskGoal[task.goal],
      remindAbout: task.remindAbout,
      allDay: task.allDay,
      dueDate: task.dueDate,
      startAt: iso(task.startAt),
      endAt: iso(task.endAt),
      state: t.processes.taskState[task.state],
      assignee: nameOf(task.assigneeId),
      plannedBy: nameOf(task.plannedById),
      doneAt: iso(task.doneAt),
      doneBy: nameOf(task.doneById),
    })),
    // Test drives in demo cars, with the licence number the customer showed ("Numer prawa jazdy").
    testDrives: testDriveRows.map(({ booking, car, processId }) => ({
      processId,
      taskId: booking.taskId,
      car: `${car.make} ${car.model} ${car.version}`.trim(),
      registration: car.registration,
      startAt: iso(booking.startAt),
      endAt: iso(booking.endAt),
      licenceNumber: booking.licenceNumber,
      mileageBefore: booking.mileageBefore,
      mileageAfter: booking.mileageAfter,
    })),
    files: files.map((file) => file.entry),
  };
  return { data, files: files.filter((file) => file.source !== null) };
}

export type CustomerData = Awaited<ReturnType<typeof collectCustomerData>>;

/**
 * The export as a ZIP stream: `dane.json` and the files under `pliki/`, each read from disk only when the
 * archive reaches it (yazl), so nothing is held in memory whole. Logged in "Dziennik zdarzeń" first, in a
 * transaction of its own.
 */
export async function customerExportZip({
  user,
  customer,
}: {
  user: Viewer;
  customer: Customer;
}): Promise<NodeJS.ReadableStream> {
  const { data, files } = await collectCustomerData({ user, customer });
  await transaction((tx) =>
    recordEvent(tx, {
      kind: "customer_export",
      userId: user.id,
      customerId: customer.id,
      details: { processes: data.processes.length, files: files.length },
    }),
  );
  const zip = new yazl.ZipFile();
  // A file removed meanwhile ends the download with an error rather than the server.
  zip.on("error", (error: Error) => {
    console.error("[export]", error);
    (zip.outputStream as Readable).destroy(error);
  });
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), "utf8"), "dane.json");
  for (const { entry, source } of files) {
    zip.addFile(source!, entry.path!, { mtime: entry.uploadedAt ? new Date(entry.uploadedAt) : new Date() });
  }
  zip.end();
  return zip.outputStream;
}
