import { eq, inArray, notInArray } from "drizzle-orm";
import { transaction } from "@/db/client";
import { processEvents, processes, showrooms, tasks, userShowrooms } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { buildFeed } from "@/lib/calendar/feed";
import { listWeekTasks } from "@/lib/calendar/queries";
import { listNotifications } from "@/lib/notifications/queries";
import { findVisibleProcess } from "@/lib/processes/access";
import { changeOwner, changeShowroom, createProcess as createProcessOrRefuse } from "@/lib/processes/mutations";
import { getProcessPanel } from "@/lib/processes/panel";
import { listProcesses } from "@/lib/processes/queries";
import { newProcessSchema, parseListFilters } from "@/lib/processes/schema";
import { createShowroom, setShowroomActive, updateShowroom } from "@/lib/showrooms/mutations";
import {
  activeManagersOf,
  activeSalespeopleOf,
  filterShowrooms,
  hasSeveralShowrooms,
  showroomsForProcesses,
  worksIn,
} from "@/lib/showrooms/queries";
import { activityByShowroom, activityByUser, activityPerDay, salesFunnel } from "@/lib/stats/queries";
import { periodOf } from "@/lib/stats/period";
import { findDownloadableFile } from "@/lib/tasks/files";
import { listPlannedTasks } from "@/lib/tasks/queries";
import { createUser, setUserShowrooms } from "@/lib/users/mutations";
import { findVisibleUser, listCalendarUsers, listOwnerOptions, listTaskOwners } from "@/lib/users/queries";
import { holdWrites, useTestDatabase } from "../support/database";
import {
  attachTestFile,
  insertNote,
  insertNotification,
  insertProcess,
  insertShowroom,
  insertTask,
  insertUser,
  type TestUser,
} from "../support/fixtures";

/** A process these tests expect to be created (not refused as another salesperson's customer). */
async function createProcess(params: Parameters<typeof createProcessOrRefuse>[0]) {
  const result = await createProcessOrRefuse(params);
  if (!("created" in result)) throw new Error(`refused: the customer is ${result.servedBy}'s`);
  return result.created;
}

// Two showrooms, a manager of each, salespeople of each and one who works in both: what each one sees,
// counts and may change. Showroom A is the installation's first one (where the fixtures put everyone);
// B is added.
const db = useTestDatabase();

let A: number, B: number;
let admin: TestUser, managerA: TestUser, managerB: TestUser;
let annaA: TestUser, bartekB: TestUser, oliwiaAB: TestUser;
let processA: number, processB: number, processOliwiaA: number, processOliwiaB: number;
let taskB: number;
const now = new Date("2026-12-01T10:00:00Z");
/** The working day a showroom form sends by default. */
const HOURS = { opensAt: "08:00", closesAt: "18:00" };
const december = periodOf("miesiac", "2026-12-01", "2026-12-31", "Europe/Warsaw");
const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b);

beforeAll(async () => {
  [{ id: A }] = await db().select({ id: showrooms.id }).from(showrooms);
  B = (await insertShowroom({ name: "Salon Północ" })).id;
  admin = await insertUser("admin", { name: "Ada Admin", showroomIds: [A] });
  managerA = await insertUser("manager", { name: "Marek A", showroomIds: [A] });
  managerB = await insertUser("manager", { name: "Beata B", showroomIds: [B] });
  annaA = await insertUser("salesperson", { name: "Anna A", showroomIds: [A] });
  bartekB = await insertUser("salesperson", { name: "Bartek B", showroomIds: [B] });
  oliwiaAB = await insertUser("salesperson", { name: "Oliwia AB", showroomIds: [A, B] });

  processA = (await insertProcess(annaA.id, { showroomId: A, status: "in_progress" })).id;
  processB = (await insertProcess(bartekB.id, { showroomId: B, status: "offer" })).id;
  processOliwiaA = (await insertProcess(oliwiaAB.id, { showroomId: A, status: "new" })).id;
  processOliwiaB = (await insertProcess(oliwiaAB.id, { showroomId: B, status: "new" })).id;
  await insertTask(processA, annaA.id, {
    startAt: new Date("2026-12-03T09:00:00Z"),
    dueAt: new Date("2026-12-03T09:00:00Z"),
  });
  taskB = (
    await insertTask(processB, bartekB.id, {
      startAt: new Date("2026-12-03T10:00:00Z"),
      dueAt: new Date("2026-12-03T10:00:00Z"),
    })
  ).id;
  // Oliwia writes in both showrooms; an overdue task in B.
  await insertNote(processOliwiaA, oliwiaAB.id, { createdAt: new Date("2026-12-01T08:00:00Z") });
  await insertNote(processOliwiaB, oliwiaAB.id, { createdAt: new Date("2026-12-01T08:30:00Z") });
  await insertNote(processOliwiaB, oliwiaAB.id, { createdAt: new Date("2026-12-01T09:00:00Z") });
  await insertTask(processOliwiaB, oliwiaAB.id, {
    startAt: new Date("2026-11-30T09:00:00Z"),
    dueAt: new Date("2026-11-30T09:00:00Z"),
  });
  // The processes were created this month.
  await transaction((tx) => tx.update(processes).set({ createdAt: new Date("2026-12-01T07:00:00Z") }));
});

describe("who sees which processes", () => {
  test("a manager sees their showrooms' processes, an admin all, a salesperson their own", async () => {
    const listed = async (user: TestUser, params: Record<string, string> = {}) =>
      (await listProcesses({ user, filters: parseListFilters(params) }))!.rows.map((row) => row.id).sort();
    expect(await listed(managerA)).toEqual([processA, processOliwiaA].sort()); // Anna's and Oliwia's in A
    expect(await listed(managerB)).toEqual([processB, processOliwiaB].sort());
    expect(await listed(admin)).toHaveLength(4);
    expect(await listed(oliwiaAB)).toEqual([processOliwiaA, processOliwiaB].sort());
    expect(await listed(oliwiaAB, { salon: String(B) })).toEqual([processOliwiaB]);
    expect(await listed(admin, { salon: String(B) })).toEqual([processB, processOliwiaB].sort());

    expect(await findVisibleProcess({ user: managerA, id: processB })).toBeUndefined();
    expect(await getProcessPanel({ user: managerA, id: processB })).toBeNull();
    expect((await findVisibleProcess({ user: managerB, id: processB }))?.id).toBe(processB);
  });

  test("the counts by status never include another showroom's processes", async () => {
    const counts = async (user: TestUser) =>
      Object.values((await listProcesses({ user, filters: parseListFilters({}) }))!.counts).reduce((a, b) => a + b);
    // Asked in turn, since the counts are kept until the data changes: each manager gets their own.
    expect(await counts(managerA)).toBe(2);
    expect(await counts(managerB)).toBe(2);
    expect(await counts(admin)).toBe(4);
    expect((await listProcesses({ user: managerA, filters: parseListFilters({}) }))!.counts.offer).toBe(0);
  });

  test("filters naming another showroom or its people are refused (not found)", async () => {
    const list = (user: TestUser, params: Record<string, string>) =>
      listProcesses({ user, filters: parseListFilters(params) });
    expect(await list(managerA, { salon: String(B) })).toBeNull();
    expect(await list(managerA, { owner: String(bartekB.id) })).toBeNull();
    expect(await list(annaA, { salon: String(B) })).toBeNull();
    expect(await list(managerA, { owner: String(oliwiaAB.id) })).not.toBeNull();
    expect(await list(managerA, { salon: String(A) })).not.toBeNull();
  });

  test("pick-lists of people are the manager's showrooms' people", async () => {
    const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();
    expect(names(await listOwnerOptions(managerA))).toEqual(["Anna A", "Ada Admin", "Marek A", "Oliwia AB"].sort());
    expect(names(await listTaskOwners(managerB))).toEqual(["Bartek B", "Beata B", "Oliwia AB"]);
    expect(names(await listCalendarUsers(managerB))).toEqual(["Bartek B", "Beata B", "Oliwia AB"]);
    expect(await findVisibleUser({ viewer: managerA, id: bartekB.id })).toBeUndefined();
    expect((await findVisibleUser({ viewer: managerA, id: oliwiaAB.id }))?.name).toBe("Oliwia AB");
    expect((await listOwnerOptions(admin)).length).toBeGreaterThanOrEqual(6);
  });
});

describe("tasks, calendar, feed, files and notifications follow the processes' sight", () => {
  test("everyone's tasks of a manager are their showrooms' tasks", async () => {
    const all = await listPlannedTasks({ viewer: managerA, assignee: "all", now });
    const shown = [...all.overdue, ...all.today, ...all.upcoming].map((task) => task.processId);
    expect(shown).toContain(processA);
    expect(shown).not.toContain(processB);
    expect(shown).not.toContain(processOliwiaB);
    // Oliwia's own list still shows both of her showrooms' tasks.
    const hers = await listPlannedTasks({ viewer: oliwiaAB, assignee: oliwiaAB.id, now });
    expect(hers.totals.overdue).toBe(1);
  });

  test("the week's calendar of a manager, by showroom", async () => {
    const week = { from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-12-07T00:00:00Z") };
    const processIds = async (viewer: TestUser, showroomId?: number) =>
      (await listWeekTasks({ viewer, assigneeId: null, showroomId, ...week })).map((task) => task.processId).sort();
    expect(await processIds(managerA)).toEqual([processA]);
    expect(await processIds(managerB)).toEqual([processB, processOliwiaB].sort());
    expect(await processIds(admin, B)).toEqual([processB, processOliwiaB].sort());
    expect(await processIds(admin, A)).toEqual([processA]);
  });

  test("a file of showroom B is not found for the manager of A", async () => {
    const file = await attachTestFile(taskB, bartekB.id);
    expect(await findDownloadableFile({ user: managerA, id: file.id })).toBeUndefined();
    expect((await findDownloadableFile({ user: managerB, id: file.id }))?.id).toBe(file.id);
  });

  test("a notification links to its process only while its recipient may see it", async () => {
    await insertNotification({ userId: managerA.id, processId: processB, message: "stare powiadomienie" });
    await insertNotification({ userId: managerA.id, processId: processA, message: "swoje" });
    const rows = (await listNotifications({ user: managerA })).rows;
    expect(rows.find((row) => row.message === "stare powiadomienie")?.processId).toBeNull();
    expect(rows.find((row) => row.message === "swoje")?.processId).toBe(processA);
  });

  test("the calendar feed holds the user's own tasks on processes they may see", async () => {
    const feed = await buildFeed({ user: { id: bartekB.id, name: bartekB.name, role: "salesperson" }, now });
    expect(feed).toContain(`task-${taskB}@`);
    // A task of B's process left to manager A (as no change of the app leaves it): not in A's feed.
    const stray = await insertTask(processB, managerA.id);
    const managerFeed = await buildFeed({ user: { id: managerA.id, name: managerA.name, role: "manager" }, now });
    expect(managerFeed).not.toContain(`task-${stray.id}@`);
    const adminTask = await insertTask(processB, admin.id);
    const adminFeed = await buildFeed({ user: { id: admin.id, name: admin.name, role: "admin" }, now });
    expect(adminFeed).toContain(`task-${adminTask.id}@`);
    await transaction((tx) => tx.delete(tasks).where(inArray(tasks.id, [stray.id, adminTask.id])));
  });
});

describe("statistics by showroom", () => {
  test("a manager's rows are their showrooms' people and count only their showrooms' processes", async () => {
    const rows = await activityByUser({ viewer: managerA, period: december, now });
    expect(rows.map((row) => row.name).sort()).toEqual(["Ada Admin", "Anna A", "Marek A", "Oliwia AB"].sort());
    const oliwia = rows.find((row) => row.userId === oliwiaAB.id)!;
    expect(oliwia).toMatchObject({ notes: 1, tasksOverdue: 0, processesCreated: 1 });
    const inB = (await activityByUser({ viewer: managerB, period: december, now })).find(
      (row) => row.userId === oliwiaAB.id,
    )!;
    expect(inB).toMatchObject({ notes: 2, tasksOverdue: 1, processesCreated: 1 });
    // An admin filtering by B sees B's people and B's numbers.
    const adminB = await activityByUser({ viewer: admin, period: december, showroomId: B, now });
    expect(adminB.map((row) => row.name).sort()).toEqual(["Bartek B", "Beata B", "Oliwia AB"]);
    expect(adminB.find((row) => row.userId === oliwiaAB.id)).toMatchObject({ notes: 2, processesCreated: 1 });
    // A salesperson's own numbers over both showrooms, or one.
    expect((await activityByUser({ viewer: oliwiaAB, period: december, now }))[0]).toMatchObject({ notes: 3 });
    expect((await activityByUser({ viewer: oliwiaAB, period: december, showroomId: A, now }))[0]).toMatchObject({
      notes: 1,
    });
  });

  test("the day-by-day detail and the funnel count as the activity table does", async () => {
    const days = await activityPerDay({ viewer: managerA, userId: oliwiaAB.id, period: december });
    expect(days.reduce((sum, day) => sum + day.notes, 0)).toBe(1);
    expect((await salesFunnel({ viewer: managerA, period: december })).total).toBe(2);
    expect((await salesFunnel({ viewer: managerB, period: december })).total).toBe(2);
    expect((await salesFunnel({ viewer: admin, period: december, showroomId: B })).total).toBe(2);
    expect((await salesFunnel({ viewer: admin, period: december })).total).toBe(4);
  });

  test("showrooms side by side: each one's own numbers", async () => {
    const [a, b] = await activityByShowroom({ viewer: admin, period: december, showroomIds: [A, B], now });
    expect(a).toMatchObject({ showroomId: A, notes: 1, processesCreated: 2, tasksOverdue: 0 });
    expect(b).toMatchObject({ showroomId: B, notes: 2, processesCreated: 2, tasksOverdue: 1 });
    // A manager of A compares nothing of B: B's column is empty for them.
    const [, bForA] = await activityByShowroom({ viewer: managerA, period: december, showroomIds: [A, B], now });
    expect(bForA).toMatchObject({ notes: 0, processesCreated: 0, tasksOverdue: 0 });
  });
});

describe("changes across showrooms", () => {
  test("a manager hands a process only to a person of its showroom", async () => {
    const refused = changeOwner({ user: managerA, processId: processA, ownerId: bartekB.id });
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toMatchObject({
      fieldErrors: { ownerId: ["Opiekun musi pracować w wybranym salonie."] },
    });
    await expect(changeOwner({ user: managerA, processId: processB, ownerId: annaA.id })).rejects.toThrow(
      "Nie znaleziono",
    );
    const process = await insertProcess(annaA.id, { showroomId: A });
    await changeOwner({ user: managerA, processId: process.id, ownerId: oliwiaAB.id });
    expect((await findVisibleProcess({ user: oliwiaAB, id: process.id }))?.ownerId).toBe(oliwiaAB.id);
  });

  test("moving a process to another showroom needs a manager of both, writes the history and can hand it over", async () => {
    const process = await insertProcess(annaA.id, { showroomId: A, status: "in_progress" });
    await insertTask(process.id, annaA.id);
    // Manager A does not manage B; manager B does not see A's process.
    await expect(changeShowroom({ user: managerA, processId: process.id, showroomId: B })).rejects.toMatchObject({
      fieldErrors: { showroomId: ["Wybierz jeden ze swoich salonów."] },
    });
    await expect(changeShowroom({ user: managerB, processId: process.id, showroomId: B })).rejects.toThrow(
      "Nie znaleziono",
    );
    const both = await insertUser("manager", { name: "Zenon AB", showroomIds: [A, B] });
    // Anna does not work in B: the process needs an owner who does.
    await expect(changeShowroom({ user: both, processId: process.id, showroomId: B })).rejects.toMatchObject({
      fieldErrors: { ownerId: ["Opiekun musi pracować w wybranym salonie."] },
    });
    await changeShowroom({ user: both, processId: process.id, showroomId: B, ownerId: bartekB.id });

    const [moved] = await db().select().from(processes).where(eq(processes.id, process.id));
    expect(moved).toMatchObject({ showroomId: B, ownerId: bartekB.id });
    const events = await db().select().from(processEvents).where(eq(processEvents.processId, process.id));
    expect(events.map((e) => [e.kind, e.fromValue, e.toValue])).toEqual(
      expect.arrayContaining([
        ["showroom", String(A), String(B)],
        ["owner", String(annaA.id), String(bartekB.id)],
      ]),
    );
    const planned = await db().select().from(tasks).where(eq(tasks.processId, process.id));
    expect(planned.map((task) => task.assigneeId)).toEqual([bartekB.id]);
    const panel = (await getProcessPanel({ user: managerB, id: process.id }))!;
    expect(panel.showroomName).toBe("Salon Północ");
    expect(panel.history.find((entry) => entry.type === "event" && entry.event.kind === "showroom")).toMatchObject({
      toName: "Salon Północ",
    });
    // Gone from A's manager and Anna.
    expect(await findVisibleProcess({ user: managerA, id: process.id })).toBeUndefined();
    expect(await findVisibleProcess({ user: annaA, id: process.id })).toBeUndefined();
  });

  test("a new process goes to one of the user's showrooms: the only one without asking, else the chosen", async () => {
    const input = (values: Record<string, string>) =>
      newProcessSchema.parse({
        lastName: "Wiśniewska",
        phone: "",
        email: `k${Date.now()}@klient.pl`,
        source: "phone",
        ...values,
      });
    const annas = await createProcess({ user: annaA, input: input({}) });
    expect(annas.showroomId).toBe(A);
    await expect(createProcess({ user: oliwiaAB, input: input({}) })).rejects.toMatchObject({
      fieldErrors: { showroomId: ["Wybierz salon."] },
    });
    await expect(createProcess({ user: annaA, input: input({ showroomId: String(B) }) })).rejects.toMatchObject({
      fieldErrors: { showroomId: ["Wybierz jeden ze swoich salonów."] },
    });
    expect((await createProcess({ user: oliwiaAB, input: input({ showroomId: String(B) }) })).showroomId).toBe(B);
    // A manager's owner must work in the chosen showroom.
    await expect(
      createProcess({ user: managerA, input: input({ showroomId: String(A), ownerId: String(bartekB.id) }) }),
    ).rejects.toMatchObject({ fieldErrors: { ownerId: ["Wybierz aktywnego użytkownika."] } });
    expect(
      (await createProcess({ user: managerA, input: input({ showroomId: String(A), ownerId: String(oliwiaAB.id) }) }))
        .ownerId,
    ).toBe(oliwiaAB.id);
  });
});

describe("showrooms and who works where (admins)", () => {
  test("add, rename, deactivate; names unique; one stays active; others may not", async () => {
    const west = await createShowroom({
      actor: admin,
      input: { name: "Salon Zachód", address: undefined, phone: "+48221112233", ...HOURS },
    });
    expect(west).toMatchObject({ name: "Salon Zachód", address: "", phone: "+48221112233", active: true });
    await expect(
      createShowroom({ actor: admin, input: { name: "salon zachód", address: undefined, phone: undefined, ...HOURS } }),
    ).rejects.toMatchObject({
      fieldErrors: { name: ["Salon o tej nazwie już istnieje."] },
    });
    await updateShowroom({
      actor: admin,
      id: west.id,
      input: { name: "Salon Zachodni", address: "ul. Polna 1", phone: undefined, ...HOURS },
    });
    await expect(
      createShowroom({ actor: managerA, input: { name: "Nie", address: undefined, phone: undefined, ...HOURS } }),
    ).rejects.toThrow("Nie masz uprawnień");

    await setShowroomActive({ actor: admin, id: west.id, active: false });
    expect((await showroomsForProcesses(admin)).map((s) => s.name)).not.toContain("Salon Zachodni");
    expect((await filterShowrooms(admin)).map((s) => s.name)).toContain("Salon Zachodni");
    expect(await hasSeveralShowrooms()).toBe(true);

    await setShowroomActive({ actor: admin, id: B, active: false });
    await expect(setShowroomActive({ actor: admin, id: A, active: false })).rejects.toThrow(
      "Nie można dezaktywować ostatniego aktywnego salonu.",
    );
    await setShowroomActive({ actor: admin, id: B, active: true });
  });

  test("a user works in at least one showroom; a changed membership changes sight at once", async () => {
    await expect(
      createUser({
        actor: admin,
        input: { name: "Bez", email: "bez@salon.pl", password: "haslo-dlugie", role: "salesperson", showroomIds: [] },
      }),
    ).rejects.toMatchObject({ fieldErrors: { showroomIds: ["Wybierz co najmniej jeden salon."] } });
    const newcomer = await createUser({
      actor: admin,
      input: { name: "Nowa", email: "nowa@salon.pl", password: "haslo-dlugie", role: "manager", showroomIds: [B] },
    });
    expect(await worksIn({ userId: newcomer.id, showroomId: B })).toBe(true);
    const counts = async () =>
      Object.values((await listProcesses({ user: newcomer, filters: parseListFilters({}) }))!.counts).reduce(
        (a, b) => a + b,
      );
    const inB = await counts();
    expect(inB).toBeGreaterThan(0);
    await setUserShowrooms({ actor: admin, id: newcomer.id, showroomIds: [A] });
    expect(await worksIn({ userId: newcomer.id, showroomId: B })).toBe(false);
    expect(await findVisibleProcess({ user: newcomer, id: processB })).toBeUndefined();
    expect(await counts()).not.toBe(inB);
    await expect(setUserShowrooms({ actor: admin, id: newcomer.id, showroomIds: [] })).rejects.toThrow(UserError);
    await expect(setUserShowrooms({ actor: admin, id: newcomer.id, showroomIds: [999_999] })).rejects.toThrow(
      UserError,
    );
    const rows = await db().select().from(userShowrooms).where(eq(userShowrooms.userId, newcomer.id));
    expect(rows.map((row) => row.showroomId)).toEqual([A]);
  });

  test("someone who owns open processes in a showroom keeps working there until they are handed over", async () => {
    const leaving = await insertUser("salesperson", { name: "Lena Odchodząca", showroomIds: [A, B] });
    const open = await insertProcess(leaving.id, { showroomId: B, status: "offer" });
    await insertProcess(leaving.id, { showroomId: B, status: "delivered" });
    await expect(setUserShowrooms({ actor: admin, id: leaving.id, showroomIds: [A] })).rejects.toMatchObject({
      fieldErrors: {
        showroomIds: [
          "Użytkownik ma otwarte procesy w salonie „Salon Północ”: najpierw przekaż je komuś, kto tam pracuje.",
        ],
      },
    });
    expect(await worksIn({ userId: leaving.id, showroomId: B })).toBe(true);
    await changeOwner({ user: managerB, processId: open.id, ownerId: bartekB.id });
    // A closed process stays theirs (its history), and their showroom's manager still sees it.
    await setUserShowrooms({ actor: admin, id: leaving.id, showroomIds: [A] });
    expect(await worksIn({ userId: leaving.id, showroomId: B })).toBe(false);
  });

  test("lead routing asks a showroom for its active salespeople and managers", async () => {
    expect(ids(await activeSalespeopleOf({ showroomId: B }))).toEqual([bartekB.id, oliwiaAB.id].sort((a, b) => a - b));
    const managers = ids(await activeManagersOf({ showroomId: B }));
    expect(managers).toContain(managerB.id);
    expect(managers).not.toContain(managerA.id);
    expect(await worksIn({ userId: annaA.id, showroomId: B })).toBe(false);
  });
});

describe("Salony under concurrent saves (lined up on PostgreSQL; SQLite takes them in turn)", () => {
  test("the same name added twice at once, in other letter case: one showroom, and the other answer is the field's error", async () => {
    const writes = await holdWrites("showrooms");
    const adding = Promise.allSettled(
      ["Salon Zachód", "salon zachód"].map((name) =>
        createShowroom({ actor: admin, input: { name, address: undefined, phone: undefined, ...HOURS } }),
      ),
    );
    await writes.release(2);
    const results = await adding;
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { fieldErrors: { name: ["Salon o tej nazwie już istnieje."] } },
    });
    const named = await db().select().from(showrooms);
    expect(named.filter((room) => room.name.toLowerCase() === "salon zachód")).toHaveLength(1);
  });

  test("the last two active showrooms deactivated at once: one stays active", async () => {
    await transaction((tx) =>
      tx
        .update(showrooms)
        .set({ active: false })
        .where(notInArray(showrooms.id, [A, B])),
    );
    const writes = await holdWrites("showrooms");
    const deactivating = Promise.allSettled([A, B].map((id) => setShowroomActive({ actor: admin, id, active: false })));
    await writes.release(2);
    const results = await deactivating;
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { message: "Nie można dezaktywować ostatniego aktywnego salonu." },
    });
    expect(await db().select().from(showrooms).where(eq(showrooms.active, true))).toHaveLength(1);
    await transaction((tx) =>
      tx
        .update(showrooms)
        .set({ active: true })
        .where(inArray(showrooms.id, [A, B])),
    );
  });
});
