import { and, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { customers, notifications, processEvents, processes, tasks, users, type User } from "@/db/schema";
import { initialFormState } from "@/lib/actions/form-state";
import { getProcessPanel } from "@/lib/processes/panel";
import { createProcess } from "@/lib/processes/mutations";
import { listProcesses } from "@/lib/processes/queries";
import { newProcessSchema, PAGE_SIZE, parseListFilters } from "@/lib/processes/schema";
import { changeOwnerAction, changeStatusAction, createProcessAction } from "@/app/(crm)/procesy/actions";
import { holdWrites, refuseInserts, useTestDatabase } from "../support/database";
import { insertProcess, insertSession, insertTask, insertUser } from "../support/fixtures";

// The session cookie of the request: the real token, read by the real session code.
let sessionCookie: string | undefined;
jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (sessionCookie ? { value: sessionCookie } : undefined), set: () => undefined }),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = useTestDatabase();

async function signIn(user: User) {
  sessionCookie = (await insertSession(user)).cookie;
}

async function processById(id: number) {
  const [process] = await db().select().from(processes).where(eq(processes.id, id));
  return process;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** Runs the create action; returns the new process id (from its redirect) or the form state. */
async function create(fields: Record<string, string>) {
  try {
    const state = await createProcessAction(initialFormState, form({ source: "showroom", ...fields }));
    return { state, id: undefined };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    const match = digest.match(/\/procesy\/(\d+)/);
    if (!match) throw error;
    return { state: undefined, id: Number(match[1]) };
  }
}

function addTask(processId: number, assigneeId: number, state: "planned" | "done", dueAt: Date) {
  return insertTask(processId, assigneeId, { state, startAt: dueAt, dueAt });
}

let kasia: User, tomasz: User, manager: User, admin: User;
beforeAll(async () => {
  kasia = await insertUser("salesperson", { name: "Kasia Test" });
  tomasz = await insertUser("salesperson", { name: "Tomasz Test" });
  manager = await insertUser("manager", { name: "Marek Test" });
  admin = await insertUser("admin", { name: "Anna Test" });
});

describe("creating a process", () => {
  test("a salesperson owns what they create, even when the form names someone else; the process starts as Nowy with a created entry", async () => {
    await signIn(kasia);
    const { id } = await create({
      firstName: "Jan",
      lastName: "Kowalski",
      phone: "601 234 567",
      ownerId: String(tomasz.id),
      brand: "Toyota",
      model: "Corolla",
    });
    const process = await processById(id!);
    expect(process).toMatchObject({ ownerId: kasia.id, status: "new", brand: "Toyota", createdById: kasia.id });
    const events = await db().select().from(processEvents).where(eq(processEvents.processId, id!));
    expect(events).toEqual([
      expect.objectContaining({ kind: "created", toValue: "new", fromValue: null, userId: kasia.id }),
    ]);
  });

  test("two salespeople adding the same customer at once: one customer; the other learns who serves them", async () => {
    const input = newProcessSchema.parse({
      firstName: "Ola",
      lastName: "Naraz",
      phone: "603 111 222",
      source: "phone",
    });
    // On PostgreSQL both transactions start before either writes its customer.
    const writes = await holdWrites("customers");
    const creating = Promise.allSettled([kasia, tomasz].map((user) => createProcess({ user, input })));
    await writes.release(2);
    const answers = (await creating).map((result) => (result.status === "fulfilled" ? result.value : result.reason));
    const created = answers.flatMap((answer) => ("created" in answer ? [answer.created] : []));
    expect(created).toHaveLength(1);
    const first = created[0].ownerId === kasia.id ? kasia : tomasz;
    expect(answers.find((answer) => !("created" in answer))).toEqual({ servedBy: first.name, by: "phone" });
    expect(await db().select().from(customers).where(eq(customers.phone, "+48603111222"))).toHaveLength(1);
  });

  test("a duplicate phone in another format is offered, not duplicated; choosing it attaches the process to that customer", async () => {
    await signIn(kasia);
    const first = await create({
      firstName: "Ewa",
      lastName: "Duplikat",
      phone: "+48 602 345 678",
      email: "ewa@example.pl",
    });
    const firstCustomer = (await processById(first.id!)).customerId;

    const offered = await create({ firstName: "Ewa", lastName: "D.", phone: "602-345-678" });
    expect(offered.state?.status).toBe("error");
    expect(offered.state?.message).toBe("Klient Ewa Duplikat ma już ten numer telefonu.");
    expect(offered.state?.values).toMatchObject({
      existingCustomerId: String(firstCustomer),
      duplicateName: "Ewa Duplikat",
      customerChoice: "existing",
    });

    const attached = await create({
      firstName: "Ewa",
      lastName: "D.",
      phone: "602-345-678",
      existingCustomerId: String(firstCustomer),
      customerChoice: "existing",
    });
    expect((await processById(attached.id!)).customerId).toBe(firstCustomer);

    const separate = await create({
      firstName: "Ewa",
      lastName: "Inna",
      email: "EWA@example.pl",
      existingCustomerId: String(firstCustomer),
      customerChoice: "new",
    });
    expect((await processById(separate.id!)).customerId).not.toBe(firstCustomer);
  });

  test("an id of a customer who does not match the typed contact is not attached", async () => {
    await signIn(kasia);
    const victim = await create({ lastName: "Cudzy Klient", phone: "603 000 111" });
    const victimCustomer = (await processById(victim.id!)).customerId;
    const other = await create({
      lastName: "Ktoś",
      phone: "603 000 222",
      existingCustomerId: String(victimCustomer),
      customerChoice: "existing",
    });
    expect((await processById(other.id!)).customerId).not.toBe(victimCustomer);
  });

  test("another salesperson's customer: the salesperson learns only who serves them, attaches nothing, and the managers hear of it once", async () => {
    await signIn(kasia);
    const kasias = await create({
      firstName: "Ewa",
      lastName: "Cudza",
      phone: "+48 608 111 222",
      email: "cudza@example.pl",
    });
    const customerId = (await processById(kasias.id!)).customerId;

    await signIn(tomasz);
    const countProcesses = async () => (await db().select({ id: processes.id }).from(processes)).length;
    const before = await countProcesses();
    for (const fields of <Record<string, string>[]>[
      { lastName: "Nowa", phone: "608-111-222" },
      { lastName: "Nowa", email: "CUDZA@example.pl" },
      // A forged choice of her customer is no way in either.
      { lastName: "Nowa", phone: "608111222", existingCustomerId: String(customerId), customerChoice: "existing" },
      { lastName: "Nowa", phone: "608111222", existingCustomerId: String(customerId), customerChoice: "new" },
    ]) {
      const { state, id } = await create(fields);
      expect(id).toBeUndefined();
      const by = "phone" in fields ? "numerze telefonu" : "adresie e-mail";
      expect(state?.message).toBe(
        `Klient o tym ${by} jest już obsługiwany (opiekun: Kasia Test). Kierownik został powiadomiony; tylko on może dołączyć nowy proces do tego klienta.`,
      );
      // Nothing of the customer: no name, no other contact, no id to choose.
      const answer = JSON.stringify(state);
      for (const secret of ["Ewa", "Cudza", "cudza@example.pl", "608 111 222", "+48608111222"]) {
        if (!JSON.stringify(fields).includes(secret)) expect(answer).not.toContain(secret);
      }
      // Only what was typed comes back: no customer is offered.
      expect(state?.values?.existingCustomerId).toBe(
        "existingCustomerId" in fields ? fields.existingCustomerId : undefined,
      );
      expect(state?.values).not.toHaveProperty("duplicateName");
    }
    expect(await countProcesses()).toBe(before);

    const notices = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "duplicate_customer"), eq(notifications.processId, kasias.id!)));
    // Every manager (and no one else), once while unread, however often he tried.
    expect(notices.map((n) => n.userId).sort()).toEqual([manager.id]);
    expect(notices[0]).toMatchObject({ actorId: tomasz.id });
    expect(notices[0].message).toBe(
      "Tomasz Test próbował(a) założyć nowy proces dla klienta Ewa Cudza (opiekun: Kasia Test): ten sam numer telefonu.",
    );

    // A manager sees every customer: offered, and may attach.
    await signIn(manager);
    const offered = await create({ lastName: "Nowa", phone: "608 111 222" });
    expect(offered.state?.values).toMatchObject({ existingCustomerId: String(customerId), duplicateName: "Ewa Cudza" });
    const attached = await create({
      lastName: "Nowa",
      phone: "608 111 222",
      existingCustomerId: String(customerId),
      customerChoice: "existing",
      ownerId: String(tomasz.id),
    });
    expect(await processById(attached.id!)).toMatchObject({ customerId, ownerId: tomasz.id });
  });

  test("a manager picks the owner, who is notified", async () => {
    await signIn(manager);
    const { id } = await create({ lastName: "Dla Tomasza", phone: "604 111 222", ownerId: String(tomasz.id) });
    expect((await processById(id!)).ownerId).toBe(tomasz.id);
    const [notice] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.processId, id!), eq(notifications.userId, tomasz.id)));
    expect(notice).toMatchObject({ kind: "assigned", actorId: manager.id });
  });
});

describe("status changes", () => {
  test("every change writes its event with the reason; a process can go back to an open status", async () => {
    await signIn(kasia);
    const { id } = await create({ lastName: "Statusowy", phone: "605 111 222" });
    const change = (fields: Record<string, string>) => changeStatusAction(id!, initialFormState, form(fields));

    const missingReason = await change({ status: "resigned", reason: " " });
    expect(missingReason.fieldErrors?.reason).toEqual(["Podaj powód rezygnacji."]);
    expect((await processById(id!)).status).toBe("new");

    expect((await change({ status: "offer" })).status).toBe("ok");
    expect((await change({ status: "resigned", reason: "Za drogo" })).status).toBe("ok");
    expect(await processById(id!)).toMatchObject({
      status: "resigned",
      resignationReason: "Za drogo",
    });
    expect((await change({ status: "in_progress" })).status).toBe("ok");
    expect((await change({ status: "in_progress" })).fieldErrors?.status).toEqual(["Proces ma już ten status."]);

    const events = await db()
      .select()
      .from(processEvents)
      .where(eq(processEvents.processId, id!))
      .orderBy(processEvents.id);
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue, e.reason])).toEqual([
      ["created", null, "new", null],
      ["status", "new", "offer", null],
      ["status", "offer", "resigned", "Za drogo"],
      ["status", "resigned", "in_progress", null],
    ]);
    expect((await processById(id!)).resignationReason).toBeNull();
  });

  test("a failing event write rolls the status change back (same transaction)", async () => {
    await signIn(kasia);
    const { id } = await create({ lastName: "Transakcja", phone: "605 333 444" });
    // The database itself refuses the event insert, after the status update succeeded in the same transaction.
    const allowInserts = await refuseInserts("process_events", "nope");
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const state = await changeStatusAction(id!, initialFormState, form({ status: "offer" }));
      expect(state).toMatchObject({
        status: "error",
        message: "Coś poszło nie tak. Spróbuj ponownie, a jeśli błąd się powtórzy, powiadom administratora.",
      });
    } finally {
      log.mockRestore();
      await allowInserts();
    }
    expect((await processById(id!)).status).toBe("new");
  });
});

describe("reassigning", () => {
  test("open tasks move to the new owner, done ones stay, the new owner is notified, the history says who to whom", async () => {
    await signIn(kasia);
    const { id } = await create({ lastName: "Przekazany", phone: "606 111 222" });
    const open = await addTask(id!, kasia.id, "planned", new Date(Date.now() + 86_400_000));
    const done = await addTask(id!, kasia.id, "done", new Date(Date.now() - 86_400_000));

    await signIn(manager);
    expect((await changeOwnerAction(id!, initialFormState, form({ ownerId: String(tomasz.id) }))).status).toBe("ok");
    expect((await processById(id!)).ownerId).toBe(tomasz.id);
    const assigneeOf = async (taskId: number) =>
      (await db().select({ assigneeId: tasks.assigneeId }).from(tasks).where(eq(tasks.id, taskId)))[0].assigneeId;
    expect(await assigneeOf(open.id)).toBe(tomasz.id);
    expect(await assigneeOf(done.id)).toBe(kasia.id);
    const [notice] = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.processId, id!), eq(notifications.userId, tomasz.id)));
    expect(notice).toMatchObject({ kind: "assigned", actorId: manager.id });
    expect(notice!.message).toContain("Przekazany");

    const panel = (await getProcessPanel({ user: manager, id: id! }))!;
    const ownerEntry = panel.history.find((entry) => entry.type === "event" && entry.event.kind === "owner");
    expect(ownerEntry).toMatchObject({ fromName: "Kasia Test", toName: "Tomasz Test", authorName: "Marek Test" });
  });

  test("an inactive user cannot be the new owner", async () => {
    const gone = await insertUser("salesperson", { active: false });
    await signIn(kasia);
    const { id } = await create({ lastName: "Nieaktywny", phone: "606 333 444" });
    await signIn(admin);
    const state = await changeOwnerAction(id!, initialFormState, form({ ownerId: String(gone.id) }));
    expect(state.fieldErrors?.ownerId).toEqual(["Wybierz aktywnego użytkownika."]);
  });
});

describe("who sees what: roles × operations on an own and a foreign process", () => {
  let kasiaProcess: number;
  let tomaszProcess: number;
  beforeAll(async () => {
    await signIn(kasia);
    kasiaProcess = (await create({ lastName: "Macierz Kasi", phone: "607 111 222" })).id!;
    await signIn(tomasz);
    tomaszProcess = (await create({ lastName: "Macierz Tomasza", phone: "607 333 444" })).id!;
  });

  const listed = async (user: User, owner?: number) => {
    const list = await listProcesses({
      user,
      filters: parseListFilters({ q: "Macierz", owner: owner ? String(owner) : undefined }),
    });
    return list === null ? null : list.rows.map((row) => row.id).sort();
  };

  test("salesperson: own process yes, foreign process not found everywhere", async () => {
    expect(await getProcessPanel({ user: kasia, id: kasiaProcess })).not.toBeNull();
    expect(await getProcessPanel({ user: kasia, id: tomaszProcess })).toBeNull();
    expect(await listed(kasia)).toEqual([kasiaProcess]);
    expect(await listed(kasia, kasia.id)).toEqual([kasiaProcess]);
    expect(await listed(kasia, tomasz.id)).toBeNull();

    await signIn(kasia);
    expect((await changeStatusAction(kasiaProcess, initialFormState, form({ status: "in_progress" }))).status).toBe(
      "ok",
    );
    const foreign = await changeStatusAction(tomaszProcess, initialFormState, form({ status: "in_progress" }));
    expect(foreign).toMatchObject({ status: "error", message: "Nie znaleziono" });
    // Reassigning is not a salesperson's: the role is refused before anything is looked up, own or foreign.
    expect(
      (await changeOwnerAction(kasiaProcess, initialFormState, form({ ownerId: String(tomasz.id) }))).message,
    ).toBe("Nie masz uprawnień do tej operacji.");
    expect(
      (await changeOwnerAction(tomaszProcess, initialFormState, form({ ownerId: String(kasia.id) }))).message,
    ).toBe("Nie masz uprawnień do tej operacji.");
    expect(await processById(tomaszProcess)).toMatchObject({
      status: "new",
      ownerId: tomasz.id,
    });
  });

  test.each([
    ["manager", () => manager],
    ["admin", () => admin],
  ])("%s: every process, every operation", async (_role, who) => {
    const user = who();
    expect(await getProcessPanel({ user, id: kasiaProcess })).not.toBeNull();
    expect(await getProcessPanel({ user, id: tomaszProcess })).not.toBeNull();
    expect(await listed(user)).toEqual([kasiaProcess, tomaszProcess].sort());
    const ownedByTomasz: number[] = [];
    for (const id of [kasiaProcess, tomaszProcess])
      if ((await processById(id)).ownerId === tomasz.id) ownedByTomasz.push(id);
    expect(await listed(user, tomasz.id)).toEqual(ownedByTomasz.sort());

    await signIn(user);
    const target = user.role === "admin" ? "offer" : "order";
    expect((await changeStatusAction(tomaszProcess, initialFormState, form({ status: target }))).status).toBe("ok");
    const current = await processById(kasiaProcess);
    const newOwner = current.ownerId === kasia.id ? tomasz : kasia;
    expect(
      (await changeOwnerAction(kasiaProcess, initialFormState, form({ ownerId: String(newOwner.id) }))).status,
    ).toBe("ok");
    expect((await processById(kasiaProcess)).ownerId).toBe(newOwner.id);
  });

  test("signed out: nothing", async () => {
    sessionCookie = undefined;
    expect((await changeStatusAction(kasiaProcess, initialFormState, form({ status: "offer" }))).message).toBe(
      "Sesja wygasła. Zaloguj się ponownie.",
    );
  });
});

describe("list filters", () => {
  test("a page holds its processes once each, with the earliest planned task, however many tasks they have", async () => {
    const seller = await insertUser("salesperson");
    const ids: number[] = [];
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      const { id } = await insertProcess(seller.id, {
        customer: { firstName: "Wielozadaniowy", lastName: `Klient ${i}` },
      });
      ids.push(id);
      // Three planned tasks each (the earliest in the middle) and a done one earlier still.
      for (const hours of [100, 10 + i, 200])
        await addTask(id, seller.id, "planned", new Date(Date.now() + hours * 3_600_000));
      await addTask(id, seller.id, "done", new Date(Date.now() - 3_600_000));
    }
    for (const params of [{}, { q: "wielozadaniowy" }, { sort: "created" }]) {
      const list = (await listProcesses({ user: seller, filters: parseListFilters(params) }))!;
      expect(list.rows).toHaveLength(PAGE_SIZE);
      expect(new Set(list.rows.map((row) => row.id)).size).toBe(PAGE_SIZE);
      // Newest first: the last inserted process leads.
      expect(list.rows[0].id).toBe(ids.at(-1));
      for (const row of list.rows) {
        const i = ids.indexOf(row.id);
        expect(row.nextTask?.dueAt.getTime()).toBeCloseTo(Date.now() + (10 + i) * 3_600_000, -5);
      }
      expect(list.total).toBe(PAGE_SIZE + 2);
    }
  });

  test("phone typed any way finds the customer; no-contact and overdue flags", async () => {
    await signIn(tomasz);
    const planned = (await create({ lastName: "Z Planem", phone: "+48 608 765 432" })).id!;
    const overdue = (await create({ lastName: "ZaleGŁY", phone: "608 765 433" })).id!;
    const none = (await create({ lastName: "Bez Planu", phone: "608 765 434" })).id!;
    await addTask(planned, tomasz.id, "planned", new Date(Date.now() + 3_600_000));
    await addTask(overdue, tomasz.id, "planned", new Date(Date.now() - 3_600_000));

    const ids = async (params: Record<string, string>) =>
      (await listProcesses({ user: tomasz, filters: parseListFilters(params) }))!.rows.map((row) => row.id);
    for (const typed of ["608765432", "608-765-432", "+48 608 765 432", "0048608765432", "(608) 765 432"])
      expect(await ids({ q: typed })).toEqual([planned]);
    expect((await ids({ q: "765 43" })).sort()).toEqual([planned, overdue, none].sort());
    expect(await ids({ q: "zaległy" })).toEqual([overdue]);
    expect(await ids({ q: "ZALEGŁY" })).toEqual([overdue]);

    const noContact = await ids({ flag: "no_contact" });
    expect(noContact).toContain(none);
    expect(noContact).not.toContain(planned);
    expect(noContact).not.toContain(overdue);
    expect(await ids({ flag: "overdue" })).toEqual([overdue]);

    const list = (await listProcesses({ user: tomasz, filters: parseListFilters({ q: "608 765" }) }))!;
    expect(list.rows.find((row) => row.id === overdue)!.nextTask?.overdue).toBe(true);
    expect(list.rows.find((row) => row.id === planned)!.nextTask?.overdue).toBe(false);
    expect(list.rows.find((row) => row.id === none)!.nextTask).toBeNull();
    expect(list.counts.new).toBeGreaterThanOrEqual(3);
  });

  test("inactive owners' processes stay findable for managers", async () => {
    const leaving = await insertUser("salesperson", { name: "Odchodzący" });
    await signIn(leaving);
    const { id } = await create({ lastName: "Po Odejściu", phone: "609 111 000" });
    await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.id, leaving.id)));
    const rows = (await listProcesses({ user: manager, filters: parseListFilters({ owner: "inactive" }) }))!.rows;
    expect(rows.map((row) => row.id)).toContain(id);
    expect(rows.every((row) => !row.ownerActive)).toBe(true);
  });
});
