// Rows for tests, written through the app's own data layer (the same on SQLite and PostgreSQL): into the
// test file's fresh database (integration), or into a running server's (end to end, `useServerDatabase`).
import crypto from "node:crypto";
import fs from "node:fs";
import { asc, eq, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import {
  carBookings,
  carOutages,
  consentRecords,
  customers,
  demoCars,
  imports,
  leadSourceAssignees,
  leadSources,
  notes,
  notifications,
  processes,
  showrooms,
  signInFailures,
  taskFiles,
  tasks,
  userShowrooms,
  users,
  type DemoCar,
  type Process,
  type Showroom,
  type Task,
  type TaskFile,
  type User,
} from "@/db/schema";
import { hashPasswordSync } from "@/lib/auth/password";
import { getAuthSecret } from "@/lib/auth/secret";
import { openSession } from "@/lib/auth/sessions";
import { encodeSession } from "@/lib/auth/token";
import { config, PASSWORD_HASHING_MINIMUM } from "@/lib/config";
import { generateApiKey, hashApiKey } from "@/lib/leads/sources";
import type { ConsentChannel, ConsentSource, NotificationKind, ProcessStatus, Role, TaskGoal } from "@/lib/domain";
import { stageFiles } from "@/lib/tasks/files";
import { taskFormSchema, taskTimeSchema, type TaskForm, type TaskTime } from "@/lib/tasks/schema";
import { addDays, startOfLocalDay, zonedInstant } from "@/lib/time";

/** The password of every user these fixtures insert. */
export const PASSWORD = "haslo12345";
// Production's parameters: a test server (production mode) keeps the hash when the user signs in.
const passwordHash = hashPasswordSync(PASSWORD, PASSWORD_HASHING_MINIMUM);

let counter = 0;
/** Unique across test files running at once (e-mails, names). */
export const unique = () => `${process.pid}-${Date.now()}-${++counter}`;

export type TestUser = User & { password: string };

/** The showroom every installation starts with (named DEALER_NAME). */
const firstShowroom = sql`(select min(${showrooms.id}) from ${showrooms})`;

/** The id of that first showroom. */
export async function firstShowroomId(): Promise<number> {
  const [{ id }] = await getDb().select({ id: showrooms.id }).from(showrooms).orderBy(showrooms.id).limit(1);
  return id;
}

/** A showroom (active unless said otherwise). */
export async function insertShowroom(overrides: Partial<typeof showrooms.$inferInsert> = {}): Promise<Showroom> {
  const [showroom] = await transaction((tx) =>
    tx
      .insert(showrooms)
      .values({ name: `Salon ${unique()}`, ...overrides })
      .returning(),
  );
  return showroom;
}

/** A user with the password PASSWORD, working in `showroomIds` (by default the first showroom). */
export async function insertUser(
  role: Role = "salesperson",
  { showroomIds, ...overrides }: Partial<typeof users.$inferInsert> & { showroomIds?: number[] } = {},
): Promise<TestUser> {
  const id = unique();
  const [user] = await transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ name: `Użytkownik ${id}`, email: `user-${id}@test.pl`, passwordHash, role, ...overrides })
      .returning();
    const memberships = showroomIds ?? [firstShowroom];
    await tx.insert(userShowrooms).values(memberships.map((showroomId) => ({ userId: inserted[0].id, showroomId })));
    return inserted;
  });
  return { ...user, password: PASSWORD };
}

/** An open session of the user (a row of `sessions`) and the value of its cookie. */
export async function insertSession(
  user: Pick<User, "id" | "name" | "email">,
): Promise<{ id: string; cookie: string }> {
  const id = await transaction((tx) => openSession(tx, { userId: user.id, now: new Date() }));
  return { id, cookie: await encodeSession({ id, user }, getAuthSecret()) };
}

export async function findUserByEmail(email: string): Promise<User> {
  const [user] = await getDb().select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!user) throw new Error(`No user ${email}`);
  return user;
}

/** A customer and a process owned by `ownerId`, in `showroomId` (by default the owner's first showroom). */
export async function insertProcess(
  ownerId: number,
  options: {
    status?: ProcessStatus;
    showroomId?: number;
    customer?: Partial<typeof customers.$inferInsert>;
    /** An existing customer's (then `customer` is ignored). */
    customerId?: number;
    vehicle?: { brand: string; model: string };
    /** Any other column of the process (its source, its instants). */
    columns?: Partial<typeof processes.$inferInsert>;
  } = {},
): Promise<Process & { customerName: string }> {
  const customer = { firstName: "Jan", lastName: `Kowalski ${unique()}`, ...options.customer };
  return transaction(async (tx) => {
    const [c] = options.customerId
      ? [{ id: options.customerId }]
      : await tx.insert(customers).values(customer).returning({ id: customers.id });
    const [process] = await tx
      .insert(processes)
      .values({
        customerId: c.id,
        source: "showroom",
        showroomId:
          options.showroomId ??
          sql`coalesce((select min(${userShowrooms.showroomId}) from ${userShowrooms} where ${userShowrooms.userId} = ${ownerId}), ${firstShowroom})`,
        ownerId,
        status: options.status ?? "new",
        ...(options.vehicle ?? { brand: "Škoda", model: "Octavia" }),
        ...options.columns,
      })
      .returning();
    return { ...process, customerName: `${customer.firstName} ${customer.lastName}`.trim() };
  });
}

type TaskInput = Partial<typeof tasks.$inferInsert> & { goal?: TaskGoal };

/** A planned timed task, by default 2026-12-01 09:00 UTC for 30 minutes. */
export async function insertTask(processId: number, assigneeId: number, overrides: TaskInput = {}): Promise<Task> {
  const startAt = overrides.startAt ?? new Date("2026-12-01T09:00:00Z");
  const [task] = await transaction((tx) =>
    tx
      .insert(tasks)
      .values({
        processId,
        assigneeId,
        plannedById: assigneeId,
        goal: "phone_contact",
        startAt,
        endAt: new Date(startAt.getTime() + 1_800_000),
        dueAt: startAt,
        ...overrides,
      })
      .returning(),
  );
  return task;
}

/** A timed task at a local date and time (the dealership's zone), 30 minutes long. */
export function insertTimedTask(
  processId: number,
  assigneeId: number,
  when: { date: string; time: string },
  overrides: TaskInput = {},
): Promise<Task> {
  const startAt = zonedInstant(when.date, when.time)!;
  return insertTask(processId, assigneeId, { startAt, endAt: new Date(startAt.getTime() + 1_800_000), ...overrides });
}

/** An all-day task on a local date. */
export function insertAllDayTask(
  processId: number,
  assigneeId: number,
  date: string,
  overrides: TaskInput = {},
): Promise<Task> {
  return insertTask(processId, assigneeId, {
    allDay: true,
    dueDate: date,
    startAt: null,
    endAt: null,
    dueAt: startOfLocalDay(date),
    goal: "showroom_meeting",
    ...overrides,
  });
}

export async function insertNote(
  processId: number,
  authorId: number,
  overrides: Partial<typeof notes.$inferInsert> = {},
) {
  const [note] = await transaction((tx) =>
    tx
      .insert(notes)
      .values({
        processId,
        authorId,
        initiative: "customer",
        type: "phone",
        content: "Klient prosi o telefon",
        notifyOwner: true,
        ...overrides,
      })
      .returning(),
  );
  return note;
}

export async function insertNotification(n: {
  userId: number;
  processId?: number | null;
  noteId?: number | null;
  actorId?: number | null;
  message: string;
  kind?: NotificationKind;
}) {
  const [notification] = await transaction((tx) =>
    tx
      .insert(notifications)
      .values({ kind: "note", ...n })
      .returning(),
  );
  return notification;
}

/** A file uploaded and staged the way /api/upload does, its bytes under the uploads folder. */
export async function stageTestFile(userId: number, name = "oferta.pdf", content = "%PDF-1.4 test") {
  fs.mkdirSync(config.uploadsDir, { recursive: true });
  const storedName = crypto.randomBytes(12).toString("hex");
  fs.writeFileSync(`${config.uploadsDir}/${storedName}`, content);
  const sha256 = crypto.createHash("sha256").update(content).digest("hex");
  const [file] = await stageFiles([
    { originalName: name, storedName, size: Buffer.byteLength(content), sha256, mimeType: "application/pdf", userId },
  ]);
  return file;
}

/** A file attached to a task. */
export async function attachTestFile(taskId: number, userId: number, name = "oferta.pdf", content?: string) {
  const file = await stageTestFile(userId, name, content);
  await transaction((tx) => tx.update(taskFiles).set({ taskId }).where(eq(taskFiles.id, file.id)));
  return file;
}

/** "Planowanie zadań" as the browser sends it, parsed by the action's schema. */
export function form(overrides: Record<string, unknown> = {}): TaskForm {
  return taskFormSchema.parse({
    submissionId: crypto.randomBytes(12).toString("base64url"),
    initiative: "dealer",
    noteType: "phone",
    content: "Zadzwoniłem, klient chce jazdę próbną.",
    goal: "test_drive",
    startDate: "2026-12-04",
    startTime: "15:00",
    fileTokens: [],
    ...overrides,
  });
}

/** "Zmień termin" as the browser sends it ("startDate", "startTime", "allDay", "endDate", "endTime"), parsed. */
export function newTime(fields: Record<string, string>): TaskTime {
  return taskTimeSchema.parse(fields);
}

/** A demo car in the first showroom (or `showroomId`), with a unique registration and a European VIN. */
export async function insertCar(overrides: Partial<typeof demoCars.$inferInsert> = {}): Promise<DemoCar> {
  const id = unique().replace(/\D/g, "").slice(-8).padStart(8, "0");
  const [car] = await transaction((tx) =>
    tx
      .insert(demoCars)
      .values({
        showroomId: firstShowroom,
        make: "Škoda",
        model: "Octavia",
        version: "Style 1.5 TSI",
        registration: `WX${id}`.slice(0, 10),
        // TMB (Škoda) and no check digit rule outside North America: any 17 allowed characters.
        vin: `TMBAG7NE0${id}`,
        ...overrides,
      })
      .returning(),
  );
  return car;
}

/** A booking of a demo car for a task. */
export async function insertCarBooking(
  carId: number,
  taskId: number,
  values: Pick<typeof carBookings.$inferInsert, "startAt" | "endAt"> & Partial<typeof carBookings.$inferInsert>,
) {
  const [booking] = await transaction((tx) =>
    tx
      .insert(carBookings)
      .values({ carId, taskId, ...values })
      .returning(),
  );
  return booking;
}

/** A period out of service of a car, whole local days. */
export async function insertOutage(carId: number, fromDate: string, toDate: string, reason = "Serwis") {
  const [outage] = await transaction((tx) =>
    tx
      .insert(carOutages)
      .values({
        carId,
        fromDate,
        toDate,
        reason,
        startAt: startOfLocalDay(fromDate),
        endAt: startOfLocalDay(addDays(toDate, 1)),
      })
      .returning(),
  );
  return outage;
}

/** An import of a one-column CSV (by default uploaded, its columns still to match); its row. */
export async function insertImport(
  values: Pick<typeof imports.$inferInsert, "userId"> & Partial<typeof imports.$inferInsert>,
) {
  const [row] = await transaction((tx) =>
    tx
      .insert(imports)
      .values({
        fileName: "klienci.csv",
        storedName: crypto.randomUUID(),
        format: "csv",
        headers: JSON.stringify(["Nazwisko"]),
        mapping: JSON.stringify(["lastName"]),
        totalRows: 1,
        ...values,
      })
      .returning(),
  );
  return row;
}

/** `count` failed sign-ins of `account` from `address` in a window starting now (replacing any before). */
export async function insertSignInFailures(account: string, address: string, count: number): Promise<void> {
  const values = { count, windowStartedAt: new Date() };
  await transaction((tx) =>
    tx
      .insert(signInFailures)
      .values({ account, address, ...values })
      .onConflictDoUpdate({ target: [signInFailures.account, signInFailures.address], set: values }),
  );
}

/** A lead source (by default a web form of the first showroom, its leads to the showroom's salespeople); its id. */
export async function insertLeadSource(
  values: Pick<typeof leadSources.$inferInsert, "name" | "kind"> & Partial<typeof leadSources.$inferInsert>,
): Promise<number> {
  const [source] = await transaction((tx) =>
    tx
      .insert(leadSources)
      .values({ showroomId: firstShowroom, processSource: "website", ...values })
      .returning({ id: leadSources.id }),
  );
  return source.id;
}

/** An API source (with its key) and a web form source in `showroomId`, whose leads all go to `assigneeId`. */
export async function insertLeadSources(
  showroomId: number,
  assigneeId: number,
): Promise<{ api: number; apiKey: string; form: number }> {
  const apiKey = generateApiKey();
  const common = { showroomId, processSource: "website" as const, rateLimitPerMinute: 100_000 };
  return transaction(async (tx) => {
    const [api, form] = await tx
      .insert(leadSources)
      .values([
        { ...common, name: `API ${apiKey.slice(5, 13)}`, kind: "api", keyHash: hashApiKey(apiKey) },
        { ...common, name: `Formularz ${apiKey.slice(5, 13)}`, kind: "web_form" },
      ])
      .returning();
    await tx
      .insert(leadSourceAssignees)
      .values([api, form].map((source) => ({ sourceId: source.id, userId: assigneeId })));
    return { api: api.id, apiKey, form: form.id };
  });
}

// ---------------------------------------------------------------- reads

export async function processById(id: number): Promise<Process> {
  const [process] = await getDb().select().from(processes).where(eq(processes.id, id));
  if (!process) throw new Error(`No process ${id}`);
  return process;
}

/** A process's tasks, oldest first. */
export function tasksOf(processId: number): Promise<Task[]> {
  return getDb().select().from(tasks).where(eq(tasks.processId, processId)).orderBy(asc(tasks.id));
}

/** A process's notes, oldest first. */
export function notesOf(processId: number): Promise<(typeof notes.$inferSelect)[]> {
  return getDb().select().from(notes).where(eq(notes.processId, processId)).orderBy(asc(notes.id));
}

/** A task's files, oldest first. */
export function filesOf(taskId: number): Promise<TaskFile[]> {
  return getDb().select().from(taskFiles).where(eq(taskFiles.taskId, taskId)).orderBy(asc(taskFiles.id));
}

/** A consent record of the customer, as staff or a lead would record it (at `at`, from `source`). */
export async function insertConsent(
  customerId: number,
  values: { channel?: ConsentChannel; granted?: boolean; source?: ConsentSource; at?: Date; by?: number | null } = {},
) {
  const [row] = await transaction((tx) =>
    tx
      .insert(consentRecords)
      .values({
        customerId,
        channel: values.channel ?? "email",
        granted: values.granted ?? true,
        source: values.source ?? "web_form",
        recordedById: values.by ?? null,
        text: "Zgoda na kontakt",
        recordedAt: values.at ?? new Date(),
      })
      .returning(),
  );
  return row;
}
