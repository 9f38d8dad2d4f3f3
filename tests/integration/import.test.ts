import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import yazl from "yazl";
import { transaction } from "@/db/client";
import { auditEvents, consentRecords, customers, imports, notifications, processes, tasks } from "@/db/schema";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { createImport, saveImportSettings } from "@/lib/import/mutations";
import { listSkips } from "@/lib/import/queries";
import { RefusedFile } from "@/lib/import/read";
import { importRunning, resumeInterruptedImports } from "@/lib/import/run";
import { undoImport } from "@/lib/import/undo";
import { startOfLocalDay } from "@/lib/time";
import { useTestDatabase } from "../support/database";
import { insertNote, insertProcess, insertUser, type TestUser } from "../support/fixtures";

const db = useTestDatabase();
const r = t.imports.refused;

let manager: TestUser;
let ola: TestUser;
let salesperson: TestUser;
beforeAll(async () => {
  manager = await insertUser("manager", { name: "Marek Kierownik" });
  ola = await insertUser("salesperson", { name: "Ola Nowak", email: "ola@salon.pl" });
  salesperson = await insertUser("salesperson");
});

/** Puts bytes where an upload lands and records the import, as the upload route does. */
async function upload(bytes: Buffer, fileName: string, user = manager) {
  fs.mkdirSync(config.importsDir, { recursive: true });
  const storedName = crypto.randomBytes(12).toString("hex");
  fs.writeFileSync(path.join(config.importsDir, storedName), bytes);
  return createImport({ user, storedName, fileName });
}

async function xlsx(rows: unknown[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Klienci");
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Starts the import with these settings and waits for its background run to end. */
async function run(id: number, user = manager, taskDate = "2026-12-10") {
  const [showroom] = await db().select({ id: imports.showroomId }).from(imports).where(eq(imports.id, id));
  const record = (await db().select().from(imports).where(eq(imports.id, id)))[0];
  await saveImportSettings({
    user,
    id,
    settings: {
      showroomId: showroom.id!,
      defaultOwnerId: manager.id,
      taskDate,
      mapping: JSON.parse(record.mapping) as string[],
    },
    start: true,
  });
  await importRunning(id);
  return (await db().select().from(imports).where(eq(imports.id, id)))[0];
}

const HEADER = [
  "Imię",
  "Nazwisko",
  "Telefon",
  "E-mail",
  "Marka",
  "Model",
  "Status",
  "Opiekun",
  "Data utworzenia",
  "Zgoda na e-mail",
];

describe("an .xlsx written by exceljs", () => {
  test("creates customers and processes, each open one with its first task, consents from Import, a report of skips", async () => {
    const existing = await insertProcess(salesperson.id, {
      customer: { firstName: "Stefan", lastName: "Stały", phone: "+48600900900" },
      vehicle: { brand: "Kia", model: "Ceed" },
    });
    const file = await xlsx([
      HEADER,
      [
        "Anna",
        "Zielińska",
        "600 200 300",
        "ANNA@example.pl",
        "Škoda",
        "Octavia",
        "Oferta",
        "ola@salon.pl",
        "15.03.2026",
        "tak",
      ],
      ["Piotr", "Wiśniewski", "+48 601-200-301", "", "Toyota", "Corolla", "Wydany", "Ola Nowak", "2026-04-01", "nie"],
      // The same customer by phone, in another format: no second customer, a second process.
      ["Anna", "Zielińska", "0048600200300", "", "Toyota", "Yaris", "", "Nieznany Ktoś", "", ""],
      // A customer already in the CRM, with a car they already have a process for: skipped.
      ["Stefan", "Stały", "600 900 900", "", "Kia", "Ceed", "Nowy", "", "", ""],
      ["", "", "600 100 300", "", "Kia", "Rio", "Nowy", "", "", ""],
      ["Jan", "Nowy", "12", "nie-email", "Kia", "Rio", "Zgubiony", "", "31.02.2026", "może"],
    ]);
    const created = await upload(file, "klienci.xlsx");
    expect(created).toMatchObject({ format: "xlsx", totalRows: 6, state: "uploaded" });
    expect(JSON.parse(created.mapping)).toEqual([
      "firstName",
      "lastName",
      "phone",
      "email",
      "brand",
      "model",
      "status",
      "owner",
      "createdAt",
      "consentEmail",
    ]);

    expect(fs.existsSync(path.join(config.importsDir, created.storedName))).toBe(true);
    const done = await run(created.id);
    expect(done).toMatchObject({ state: "done", doneRows: 6, createdProcesses: 3, createdCustomers: 2 });
    // Once imported, the uploaded file is not kept.
    expect(fs.existsSync(path.join(config.importsDir, created.storedName))).toBe(false);

    const imported = await db()
      .select({
        id: processes.id,
        customerId: processes.customerId,
        model: processes.model,
        status: processes.status,
        ownerId: processes.ownerId,
        createdAt: processes.createdAt,
      })
      .from(processes)
      .where(eq(processes.importId, created.id))
      .orderBy(asc(processes.id));
    expect(imported.map((p) => [p.model, p.status, p.ownerId])).toEqual([
      ["Octavia", "offer", ola.id],
      ["Corolla", "delivered", ola.id],
      ["Yaris", "new", manager.id],
    ]);
    expect(imported[0].customerId).toBe(imported[2].customerId);
    expect(imported[0].createdAt).toEqual(startOfLocalDay("2026-03-15"));
    const [anna] = await db().select().from(customers).where(eq(customers.id, imported[0].customerId));
    expect(anna).toMatchObject({ phone: "+48600200300", email: "anna@example.pl", importId: created.id });
    expect(imported.every((p) => p.customerId !== existing.customerId)).toBe(true);

    // Open processes have their planned contact on the chosen day; the delivered one has none.
    const firstTasks = await db().select().from(tasks).where(eq(tasks.processId, imported[0].id));
    expect(firstTasks).toMatchObject([
      { state: "planned", allDay: true, dueDate: "2026-12-10", assigneeId: ola.id, goal: "phone_contact" },
    ]);
    expect(await db().select().from(tasks).where(eq(tasks.processId, imported[1].id))).toEqual([]);
    expect(await db().select().from(tasks).where(eq(tasks.processId, imported[2].id))).toHaveLength(1);

    const consents = await db().select().from(consentRecords).where(eq(consentRecords.importId, created.id));
    expect(consents).toMatchObject([
      { customerId: anna.id, channel: "email", granted: true, source: "import", recordedById: manager.id },
    ]);

    const skips = await listSkips(created.id);
    expect(skips.map((s) => s.rowNumber)).toEqual([5, 6, 7]);
    expect(skips[0].reason).toBe(t.imports.rowErrors.alreadyThere);
    expect(skips[1].reason).toBe(t.imports.rowErrors.noName);
    expect(skips[2].reason.split("; ")).toEqual([
      t.imports.rowErrors.phone("12"),
      t.imports.rowErrors.email("nie-email"),
      t.imports.rowErrors.status("Zgubiony"),
      t.imports.rowErrors.date("31.02.2026"),
      t.imports.rowErrors.consent("może"),
    ]);

    const [logged] = await db().select().from(auditEvents).where(eq(auditEvents.kind, "import_run"));
    expect(JSON.parse(logged.details!)).toMatchObject({ importId: created.id, processes: 3, customers: 2, skipped: 3 });
    const olaNotes = await db().select().from(notifications).where(eq(notifications.userId, ola.id));
    expect(olaNotes.map((n) => n.message)).toEqual([t.imports.notification(2, "klienci.xlsx")]);
  });
});

describe("a car the customer already has a process for", () => {
  test("is recognised whatever the case of its Polish letters (SQLite's lower() folds only ASCII)", async () => {
    await insertProcess(salesperson.id, {
      customer: { firstName: "Łucja", lastName: "Żółć", phone: "+48600700701" },
      vehicle: { brand: "Škoda", model: "Enyaq Ćwiczebny" },
    });
    const file = await xlsx([
      HEADER,
      ["Łucja", "Żółć", "600 700 701", "", "ŠKODA", "enyaq ćwiczebny", "Nowy", "", "", ""],
      ["Łucja", "Żółć", "600 700 701", "", "ŠKODA", "Kodiaq", "Nowy", "", "", ""],
    ]);
    const created = await upload(file, "skoda.xlsx");
    const done = await run(created.id);
    expect(done).toMatchObject({ state: "done", createdProcesses: 1, createdCustomers: 0 });
    const skips = await listSkips(created.id);
    expect(skips.map((s) => [s.rowNumber, s.reason])).toEqual([[2, t.imports.rowErrors.alreadyThere]]);
  });
});

describe("CSV", () => {
  const polish = "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ";
  test("Windows-1250 with `;`, as Polish Excel saves it, keeps every Polish letter", async () => {
    const text = `Imię;Nazwisko;Telefon;Marka\r\nŁucja;${polish};+48 602 000 111;Fiat\r\n`;
    const created = await upload(iconv.encode(text, "windows-1250"), "polskie.csv");
    expect(created).toMatchObject({ format: "csv", encoding: "windows-1250", delimiter: ";", totalRows: 1 });
    await run(created.id);
    const [customer] = await db().select().from(customers).where(eq(customers.importId, created.id));
    expect(customer).toMatchObject({ firstName: "Łucja", lastName: polish, phone: "+48602000111" });
  });

  test("UTF-8 with a BOM and `,`", async () => {
    const text = `\uFEFFfirst name,last name,phone,email,brand\r\nZoë,"Kowalska, Anna",602000112,zoe@example.pl,Fiat\r\n`;
    const created = await upload(Buffer.from(text, "utf8"), "utf8.csv");
    expect(created).toMatchObject({ encoding: "utf-8", delimiter: "," });
    await run(created.id);
    const [customer] = await db().select().from(customers).where(eq(customers.importId, created.id));
    expect(customer).toMatchObject({ firstName: "Zoë", lastName: "Kowalska, Anna", email: "zoe@example.pl" });
  });

  test.each(["libreoffice-utf8.csv", "libreoffice-cp1250.csv"])("%s, written by LibreOffice", async (name) => {
    const bytes = fs.readFileSync(path.join(__dirname, "../fixtures/import", name));
    const created = await upload(bytes, name);
    expect(created.encoding).toBe(name.includes("cp1250") ? "windows-1250" : "utf-8");
    await run(created.id);
    const rows = await db()
      .select({ firstName: customers.firstName, lastName: customers.lastName, model: processes.model })
      .from(processes)
      .innerJoin(customers, eq(customers.id, processes.customerId))
      .where(eq(processes.importId, created.id))
      .orderBy(asc(processes.id));
    expect(rows).toEqual([
      { firstName: "Łucja", lastName: "Źdźbło-Ślęzak", model: "Kodiaq" },
      { firstName: "Żaneta", lastName: "Gęślą, Jaźń", model: 'Corolla "GR"' },
    ]);
    expect((await listSkips(created.id)).map((s) => s.reason)).toEqual([t.imports.rowErrors.phone("zły numer")]);
    // Both files hold the same customers: the next one starts from a CRM without them.
    await undoImport({ user: manager, id: created.id });
  });
});

describe("bad files are refused whole, nothing recorded", () => {
  /** The refusal's message; the refused file is deleted and no import recorded. */
  async function refused(bytes: Buffer | (() => string), name = "plik.xlsx"): Promise<string> {
    const before = (await db().select().from(imports)).length;
    fs.mkdirSync(config.importsDir, { recursive: true });
    const filesBefore = fs.readdirSync(config.importsDir).length;
    let error: unknown;
    try {
      if (typeof bytes === "function") {
        const storedName = bytes();
        await createImport({ user: manager, storedName, fileName: name });
      } else await upload(bytes, name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RefusedFile);
    expect((await db().select().from(imports)).length).toBe(before);
    expect(fs.readdirSync(config.importsDir)).toHaveLength(filesBefore);
    return (error as Error).message;
  }

  test("not a spreadsheet", async () => {
    expect(await refused(Buffer.from("%PDF-1.4\n\0\0binary"), "oferta.pdf")).toBe(r.notSpreadsheet);
    const docx = await zip({ "word/document.xml": "<w:document/>" });
    expect(await refused(docx, "umowa.xlsx")).toBe(r.notSpreadsheet);
  });

  test("a password-protected .xlsx (an OLE container)", async () => {
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), crypto.randomBytes(4096)]);
    expect(await refused(ole)).toBe(r.encrypted);
  });

  test("a corrupt .xlsx: cut short, or with its sheet's bytes mangled", async () => {
    const good = await xlsx([HEADER, ["Jan", "Kowalski"]]);
    expect(await refused(good.subarray(0, Math.floor(good.length / 2)))).toBe(r.corrupt);
    const mangled = Buffer.from(good);
    // The parts, not the directory at the end: its sizes still add up, the bytes they describe do not.
    for (let i = 100; i < mangled.length / 2; i += 7) mangled[i] ^= 0x5a;
    expect(await refused(mangled)).toBe(r.corrupt);
  });

  test("a 100 MB file", async () => {
    const message = await refused(() => {
      const storedName = crypto.randomBytes(12).toString("hex");
      const file = path.join(config.importsDir, storedName);
      fs.writeFileSync(file, "Imię;Nazwisko\n");
      fs.truncateSync(file, 100 * 1024 * 1024);
      return storedName;
    });
    expect(message).toBe(r.tooLarge(config.importMaxMb));
  });

  test("200 columns", async () => {
    const wide = Array.from({ length: 200 }, (_, i) => `Kolumna ${i + 1}`);
    expect(await refused(await xlsx([wide, wide]))).toBe(r.tooManyColumns(100, 1));
  });

  test("a formula in any cell, also far down the file", async () => {
    const rows: unknown[][] = [HEADER, ...Array.from({ length: 300 }, (_, i) => ["Jan", `Kowalski ${i}`])];
    const file = await xlsx(rows, (sheet) => {
      sheet.getCell("C250").value = { formula: "A2&B2", result: "JanKowalski" };
    });
    expect(await refused(file)).toBe(r.formula(250, 3));
    expect(await refused(Buffer.from('Imię;Nazwisko\nJan;=HYPERLINK("http://x")\n'), "zly.csv")).toBe(r.formula(2, 2));
  });

  test("a zip bomb: its directory promises too much, or a part compresses too well", async () => {
    const good = await xlsx([HEADER, ["Jan", "Kowalski"]]);
    expect(await refused(claimHugeEntry(good))).toBe(r.zipBomb);
    const bomb = await zip({
      "xl/workbook.xml": "<workbook/>",
      "xl/worksheets/sheet1.xml": Buffer.alloc(50 * 1024 * 1024, 0x20),
    });
    expect(await refused(bomb)).toBe(r.zipBomb);
  }, 60_000);
});

/** A zip of these parts (yazl, deflated). */
function zip(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const file = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts)) file.addBuffer(Buffer.from(content), name);
  file.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    file.outputStream
      .on("data", (chunk: Buffer) => chunks.push(chunk))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .on("error", reject);
  });
}

/** The same .xlsx with its central directory claiming 3 GB for the sheet. */
function claimHugeEntry(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 0; i < copy.length - 46; i++) {
    if (copy.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = copy.readUInt16LE(i + 28);
    if (copy.toString("utf8", i + 46, i + 46 + nameLength).startsWith("xl/worksheets/")) {
      copy.writeUInt32LE(3_000_000_000, i + 24);
    }
  }
  return copy;
}

describe("Cofnij import", () => {
  const rows = [
    HEADER,
    ["Celina", "Cofnięta", "603 000 001", "celina@example.pl", "Fiat", "500", "Nowy", "", "", "tak"],
    ["Dawid", "Dalszy", "603 000 002", "", "Fiat", "Panda", "Nowy", "", "", ""],
  ];

  test("removes the processes, tasks, consents and customers it created, and logs it", async () => {
    const created = await upload(await xlsx(rows), "cofnij.xlsx");
    await run(created.id);
    const ids = (await db().select({ id: processes.id }).from(processes).where(eq(processes.importId, created.id))).map(
      (p) => p.id,
    );
    expect(ids).toHaveLength(2);
    await undoImport({ user: manager, id: created.id });
    expect(await db().select().from(processes).where(eq(processes.importId, created.id))).toEqual([]);
    expect(await db().select().from(customers).where(eq(customers.importId, created.id))).toEqual([]);
    expect(await db().select().from(consentRecords).where(eq(consentRecords.importId, created.id))).toEqual([]);
    expect(await db().select().from(tasks).where(eq(tasks.processId, ids[0]))).toEqual([]);
    const [record] = await db().select().from(imports).where(eq(imports.id, created.id));
    expect(record.state).toBe("undone");
    const undone = await db().select().from(auditEvents).where(eq(auditEvents.kind, "import_undone"));
    expect(undone.filter((event) => JSON.parse(event.details!).importId === created.id)).toHaveLength(1);
  });

  test("refuses once something was added to what it created, after 24 hours, and for a salesperson", async () => {
    const created = await upload(
      await xlsx(rows.map((row, i) => (i ? [row[0], `${row[1]}2`, "", "", ...row.slice(4)] : row))),
      "zmieniony.xlsx",
    );
    await run(created.id);
    const [process] = await db().select().from(processes).where(eq(processes.importId, created.id));
    await insertNote(process.id, manager.id);
    await expect(undoImport({ user: manager, id: created.id })).rejects.toThrow(t.imports.undoBlocked(1));
    await expect(undoImport({ user: salesperson, id: created.id })).rejects.toThrow(t.common.notFound);
    const [record] = await db().select().from(imports).where(eq(imports.id, created.id));
    const later = new Date(record.finishedAt!.getTime() + 24 * 3_600_000 + 1000);
    await expect(undoImport({ user: manager, id: created.id, now: later })).rejects.toThrow(t.imports.undoExpired);
    expect(await db().select().from(processes).where(eq(processes.importId, created.id))).toHaveLength(2);
  });
});

describe("an interrupted import goes on from its last committed batch", () => {
  test("rows already imported are not imported twice", async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 7 }, (_, i) => ["Ewa", `Przerwana ${i}`, "", "", "Opel", "Astra", "Nowy", "", "", ""]),
    ];
    const bytes = await xlsx(rows);
    const created = await upload(bytes, "przerwany.xlsx");
    await run(created.id);
    // An interrupted run never got to remove its file.
    fs.writeFileSync(path.join(config.importsDir, created.storedName), bytes);
    // As if the server had died after the first 4 rows: their batch committed, the rest not.
    const tail = await db()
      .select({ id: processes.id })
      .from(processes)
      .where(eq(processes.importId, created.id))
      .orderBy(asc(processes.id));
    await transaction(async (tx) => {
      for (const { id } of tail.slice(4)) await tx.delete(processes).where(eq(processes.id, id));
      await tx
        .update(imports)
        .set({ state: "running", doneRows: 4, createdProcesses: 4, heartbeatAt: new Date(Date.now() - 120_000) })
        .where(eq(imports.id, created.id));
    });
    await resumeInterruptedImports();
    await importRunning(created.id);
    const names = await db()
      .select({ lastName: customers.lastName })
      .from(processes)
      .innerJoin(customers, eq(customers.id, processes.customerId))
      .where(and(eq(processes.importId, created.id)))
      .orderBy(asc(processes.id));
    expect(names.map((n) => n.lastName)).toEqual(Array.from({ length: 7 }, (_, i) => `Przerwana ${i}`));
    const [record] = await db().select().from(imports).where(eq(imports.id, created.id));
    expect(record).toMatchObject({ state: "done", createdProcesses: 7 });
  });
});
