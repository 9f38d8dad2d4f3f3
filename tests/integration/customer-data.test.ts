import fs from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq, inArray } from "drizzle-orm";
import yauzl from "yauzl";
import { transaction } from "@/db/client";
import { auditEvents, customers, notes, notifications, processEvents, processes, taskFiles, tasks } from "@/db/schema";
import { findVisibleCustomer } from "@/lib/customers/access";
import { anonymizeCustomers } from "@/lib/customers/anonymize";
import { customerExportZip } from "@/lib/customers/export";
import { listRetentionCandidates, retentionCutoff } from "@/lib/customers/retention";
import { customerConsents } from "@/lib/consents/queries";
import { recordConsents } from "@/lib/consents/record";
import { recordProcessEvent } from "@/lib/processes/events";
import { t } from "@/lib/i18n";
import { periodOf } from "@/lib/stats/period";
import { activityByUser, activityPerDay, salesFunnel } from "@/lib/stats/queries";
import { storedPath } from "@/lib/tasks/files";
import { useTestDatabase } from "../support/database";
import { attachTestFile, insertNote, insertProcess, insertTask, insertUser, type TestUser } from "../support/fixtures";

const db = useTestDatabase();

let admin: TestUser;
let manager: TestUser;
let anna: TestUser;
let bartek: TestUser;
beforeAll(async () => {
  admin = await insertUser("admin");
  manager = await insertUser("manager");
  anna = await insertUser("salesperson");
  bartek = await insertUser("salesperson");
});

/** A customer with two processes of Anna's, notes, tasks, an attached file, consents and a notification. */
async function richCustomer() {
  const first = await insertProcess(anna.id, {
    status: "resigned",
    customer: { firstName: "Zofia", lastName: "Prywatna", phone: "+48600111222", email: "zofia@prywatna.pl" },
  });
  const customerId = first.customerId;
  const [second] = await transaction((tx) =>
    tx
      .insert(processes)
      .values({
        customerId,
        source: "phone",
        ownerId: anna.id,
        showroomId: first.showroomId,
        brand: "Kia",
        model: "Ceed",
        vehicleNotes: "Zofia chce kolor czerwony",
      })
      .returning(),
  );
  await transaction(async (tx) => {
    await tx.update(processes).set({ resignationReason: "Kupiła gdzie indziej" }).where(eq(processes.id, first.id));
    await recordProcessEvent(tx, {
      processId: first.id,
      userId: anna.id,
      kind: "status",
      from: "new",
      to: "resigned",
      reason: "Kupiła gdzie indziej",
      at: new Date("2026-03-10T10:00:00Z"),
    });
    await recordConsents(tx, { customerId, channels: { phone: true, email: true }, source: "showroom", by: anna.id });
  });
  await insertNote(first.id, anna.id, {
    content: "Zofia Prywatna, tel. 600 111 222, mieszka w Łodzi",
    createdAt: new Date("2026-03-05T09:00:00Z"),
  });
  await insertNote(second.id, anna.id, {
    content: "Druga notatka o Zofii",
    createdAt: new Date("2026-03-06T09:00:00Z"),
    type: "email",
  });
  const task = await insertTask(first.id, anna.id, {
    remindAbout: "Zadzwonić do Zofii",
    state: "done",
    doneAt: new Date("2026-03-07T09:00:00Z"),
    doneById: anna.id,
  });
  await insertTask(second.id, anna.id, {
    startAt: new Date("2026-03-08T09:00:00Z"),
    dueAt: new Date("2026-03-08T09:00:00Z"),
  });
  const file = await attachTestFile(task.id, anna.id, "umowa Zofii.pdf");
  await transaction((tx) =>
    tx
      .insert(notifications)
      .values({ userId: anna.id, kind: "note", processId: first.id, message: "Notatka o Zofii Prywatnej" }),
  );
  return { customerId, processIds: [first.id, second.id], task, file };
}

/** The ZIP's entries: name → bytes. */
async function unzip(stream: NodeJS.ReadableStream): Promise<Map<string, Buffer>> {
  const chunks: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.concat(chunks), { lazyEntries: true }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, read) => {
        if (error) return reject(error);
        const parts: Buffer[] = [];
        read.on("data", (part: Buffer) => parts.push(part));
        read.on("end", () => {
          entries.set(entry.fileName, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return entries;
}

describe("Eksport danych klienta", () => {
  test("the ZIP holds dane.json with every part and each file's bytes, and the export is logged", async () => {
    const { customerId, processIds, file } = await richCustomer();
    const customer = await findVisibleCustomer({ user: manager, id: customerId });
    const entries = await unzip(await customerExportZip({ user: manager, customer: customer! }));

    const filePath = `pliki/${file.id}-umowa Zofii.pdf`;
    expect([...entries.keys()].sort()).toEqual(["dane.json", filePath]);
    expect(entries.get(filePath)!.toString()).toBe(fs.readFileSync(storedPath(file.storedName), "utf8"));
    const data = JSON.parse(entries.get("dane.json")!.toString("utf8"));
    expect(data.customer).toMatchObject({
      id: customerId,
      firstName: "Zofia",
      lastName: "Prywatna",
      phone: "+48600111222",
      email: "zofia@prywatna.pl",
      anonymizedAt: null,
    });
    expect(data.processes.map((p: { id: number }) => p.id)).toEqual(processIds);
    expect(data.processes[0]).toMatchObject({
      status: "w opiece (rezygnacja)",
      resignationReason: "Kupiła gdzie indziej",
      owner: anna.name,
    });
    expect(data.processes[0].history).toEqual([
      expect.objectContaining({
        kind: "status",
        from: "Nowy",
        to: "w opiece (rezygnacja)",
        reason: "Kupiła gdzie indziej",
        by: anna.name,
      }),
    ]);
    expect(data.processes[1]).toMatchObject({ source: "Telefon", vehicleNotes: "Zofia chce kolor czerwony" });
    expect(data.notes.map((note: { content: string; type: string }) => [note.content, note.type])).toEqual([
      ["Zofia Prywatna, tel. 600 111 222, mieszka w Łodzi", "Telefon"],
      ["Druga notatka o Zofii", "E-mail"],
    ]);
    expect(data.tasks).toHaveLength(2);
    expect(data.tasks.find((task: { state: string }) => task.state === "Wykonane")).toMatchObject({
      remindAbout: "Zadzwonić do Zofii",
      doneBy: anna.name,
    });
    expect(
      data.consents.map((c: { channel: string; granted: boolean; source: string }) => [c.channel, c.granted, c.source]),
    ).toEqual(
      expect.arrayContaining([
        [t.consents.channel.phone, true, "Salon"],
        [t.consents.channel.email, true, "Salon"],
      ]),
    );
    expect(data.consents).toHaveLength(2);
    expect(data.files).toEqual([
      expect.objectContaining({
        id: file.id,
        name: "umowa Zofii.pdf",
        size: file.size,
        sha256: file.sha256,
        path: filePath,
      }),
    ]);

    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "customer_export"));
    expect(event).toMatchObject({ userId: manager.id, customerId });
    expect(JSON.parse(event.details!)).toEqual({ processes: 2, files: 1 });
  });

  test("a file missing on disk is listed as missing, not packed", async () => {
    const { customerId, file } = await richCustomer();
    fs.rmSync(storedPath(file.storedName));
    const customer = await findVisibleCustomer({ user: admin, id: customerId });
    const entries = await unzip(await customerExportZip({ user: admin, customer: customer! }));
    expect([...entries.keys()]).toEqual(["dane.json"]);
    const data = JSON.parse(entries.get("dane.json")!.toString("utf8"));
    expect(data.files).toEqual([
      expect.objectContaining({ id: file.id, path: null, note: t.customers.export.missingFile }),
    ]);
  });

  test("a customer is visible through a process one may see", async () => {
    const { customerId } = await richCustomer();
    expect((await findVisibleCustomer({ user: anna, id: customerId }))?.id).toBe(customerId);
    expect(await findVisibleCustomer({ user: bartek, id: customerId })).toBeUndefined();
    expect((await findVisibleCustomer({ user: manager, id: customerId }))?.id).toBe(customerId);
    expect(await findVisibleCustomer({ user: admin, id: 999_999 })).toBeUndefined();
  });
});

describe("Anonimizuj klienta", () => {
  const march = periodOf("miesiac", "2026-03-01", "2026-03-31", "Europe/Warsaw");
  const statistics = async () => ({
    activity: await activityByUser({ viewer: admin, period: march, now: new Date("2026-03-20T11:00:00Z") }),
    funnel: await salesFunnel({ viewer: admin, period: march }),
    active: await salesFunnel({ viewer: admin, period: march, mode: "aktywne" }),
    days: await activityPerDay({ viewer: admin, userId: anna.id, period: march }),
  });

  test("replaces what identifies the customer, removes the files after the commit, withdraws consents; statistics stay the same", async () => {
    const { customerId, processIds, file } = await richCustomer();
    const before = await statistics();
    const counts = async () => ({
      processes: (await db().select().from(processes).where(eq(processes.customerId, customerId))).length,
      notes: (await db().select().from(notes).where(inArray(notes.processId, processIds))).length,
      tasks: (await db().select().from(tasks).where(inArray(tasks.processId, processIds))).length,
      events: (await db().select().from(processEvents).where(inArray(processEvents.processId, processIds))).length,
    });
    const countsBefore = await counts();
    expect(fs.existsSync(storedPath(file.storedName))).toBe(true);

    const result = await anonymizeCustomers({
      user: admin,
      customerIds: [customerId],
      reason: "Żądanie klienta z 2026-03-20",
    });
    expect(result).toEqual({ anonymized: [customerId], skipped: [], filesRemoved: 1 });

    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer).toMatchObject({ firstName: "", lastName: t.customers.anonymizedName, phone: null, email: null });
    expect(customer.anonymizedAt).toBeInstanceOf(Date);
    const noteRows = await db().select().from(notes).where(inArray(notes.processId, processIds));
    expect(noteRows.map((note) => note.content)).toEqual([t.customers.anonymizedText, t.customers.anonymizedText]);
    const processRows = await db().select().from(processes).where(eq(processes.customerId, customerId));
    expect(processRows.map((p) => [p.vehicleNotes, p.resignationReason])).toEqual([
      [null, "Kupiła gdzie indziej"],
      [null, null],
    ]);
    // Reasons for resignation stay: the statistics group resignations by them.
    const reasons = await db()
      .select({ reason: processEvents.reason })
      .from(processEvents)
      .where(inArray(processEvents.processId, processIds));
    expect(reasons.map((row) => row.reason).filter(Boolean)).toEqual(["Kupiła gdzie indziej"]);
    const reminders = await db()
      .select({ remindAbout: tasks.remindAbout })
      .from(tasks)
      .where(inArray(tasks.processId, processIds));
    expect(reminders.map((row) => row.remindAbout)).toEqual([null, null]);
    const messages = await db()
      .select({ message: notifications.message })
      .from(notifications)
      .where(inArray(notifications.processId, processIds));
    expect(messages.map((row) => row.message)).toEqual([t.customers.anonymizedText]);
    expect(await db().select().from(taskFiles).where(eq(taskFiles.id, file.id))).toEqual([]);
    expect(fs.existsSync(storedPath(file.storedName))).toBe(false);
    const { state } = await customerConsents(customerId);
    expect([state.phone?.granted, state.sms, state.email?.granted]).toEqual([false, null, false]);

    expect(await counts()).toEqual(countsBefore);
    expect(await statistics()).toEqual(before);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "customer_anonymized"));
    expect(event).toMatchObject({ userId: admin.id, customerId });
    expect(JSON.parse(event.details!)).toEqual({
      reason: "Żądanie klienta z 2026-03-20",
      processes: 2,
      notes: 2,
      files: 1,
    });

    // Irreversible and done once: a second time skips the customer.
    expect(await anonymizeCustomers({ user: admin, customerIds: [customerId], reason: "znowu" })).toEqual({
      anonymized: [],
      skipped: [customerId],
      filesRemoved: 0,
    });
  });

  test("only an active administrator may anonymise: anyone else changes nothing, files stay", async () => {
    const { customerId, file } = await richCustomer();
    const retired = await insertUser("admin", { active: false });
    for (const user of [manager, anna, retired]) {
      await expect(anonymizeCustomers({ user, customerIds: [customerId], reason: "próba" })).rejects.toThrow(
        t.common.notAllowed,
      );
    }
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer).toMatchObject({ firstName: "Zofia", anonymizedAt: null });
    expect(fs.existsSync(storedPath(file.storedName))).toBe(true);
  });
});

describe("Do anonimizacji", () => {
  const now = new Date("2029-06-15T10:00:00Z");
  const old = new Date("2026-01-10T10:00:00Z");
  const recent = new Date("2029-03-01T10:00:00Z");

  async function customerWith(options: {
    status: "delivered" | "resigned" | "offer";
    lastActivityAt: Date;
    createdAt?: Date;
  }) {
    const process = await insertProcess(admin.id, {
      status: options.status,
      customer: { createdAt: options.createdAt ?? old },
    });
    await transaction((tx) =>
      tx
        .update(processes)
        .set({ lastActivityAt: options.lastActivityAt, createdAt: old })
        .where(eq(processes.id, process.id)),
    );
    return process;
  }

  test("lists customers with no open process and no activity for RETENTION_MONTHS, and anonymises only those", async () => {
    const due = await customerWith({ status: "delivered", lastActivityAt: old });
    const dueToo = await customerWith({ status: "resigned", lastActivityAt: old });
    const open = await customerWith({ status: "offer", lastActivityAt: old });
    const active = await customerWith({ status: "delivered", lastActivityAt: recent });
    const planned = await customerWith({ status: "delivered", lastActivityAt: old });
    await insertTask(planned.id, admin.id, { dueAt: old, startAt: old });
    const consented = await customerWith({ status: "delivered", lastActivityAt: old });
    await transaction((tx) =>
      recordConsents(tx, {
        customerId: consented.customerId,
        channels: { email: true },
        source: "import",
        by: null,
        at: recent,
      }),
    );

    const listed = await listRetentionCandidates({ now, months: 24 });
    const ids = listed!.rows.map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([due.customerId, dueToo.customerId]));
    for (const kept of [open, active, planned, consented]) expect(ids).not.toContain(kept.customerId);
    expect(listed!.rows.find((row) => row.id === due.customerId)).toMatchObject({ processes: 1, lastActivityAt: old });
    expect(await listRetentionCandidates({ now, months: 0 })).toBeNull();

    // Chosen ones: a customer not due is skipped even when chosen.
    const cutoff = retentionCutoff(now, 24);
    const chosen = await anonymizeCustomers({
      user: admin,
      customerIds: [due.customerId, open.customerId],
      reason: "Upływ okresu przechowywania danych (24 mies.)",
      retentionCutoff: cutoff,
      now,
    });
    expect(chosen).toMatchObject({ anonymized: [due.customerId], skipped: [open.customerId] });

    // Everyone listed: the rest of the due ones, none of the others.
    const all = await anonymizeCustomers({
      user: admin,
      customerIds: "due",
      reason: "Upływ",
      retentionCutoff: cutoff,
      now,
    });
    expect(all.anonymized).toContain(dueToo.customerId);
    for (const kept of [open, active, planned, consented]) expect(all.anonymized).not.toContain(kept.customerId);
    expect((await listRetentionCandidates({ now, months: 24 }))!.rows).toEqual([]);
  });

  test("the cutoff is whole calendar months back", () => {
    expect(retentionCutoff(new Date("2029-03-31T10:00:00Z"), 1).toISOString()).toBe("2029-02-28T10:00:00.000Z");
    expect(retentionCutoff(new Date("2029-06-15T10:00:00Z"), 24).toISOString()).toBe("2027-06-15T10:00:00.000Z");
  });
});
