import { and, eq, inArray } from "drizzle-orm";
import { notifications, processEvents, processes, tasks, type Showroom } from "@/db/schema";
import { initialFormState } from "@/lib/actions/form-state";
import { handOverAction } from "@/app/(crm)/procesy/actions";
import { listHandOverOwners, listOwnerPickLists } from "@/lib/users/queries";
import { openNotification } from "@/app/(crm)/powiadomienia/actions";
import { refuseInserts, useTestDatabase } from "../support/database";
import {
  insertProcess,
  insertSession,
  insertShowroom,
  insertTask,
  insertUser,
  unique,
  type TestUser,
} from "../support/fixtures";

let sessionCookie: string | undefined;
jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => (sessionCookie ? { value: sessionCookie } : undefined), set: () => undefined }),
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const db = useTestDatabase();

async function signIn(user: TestUser) {
  sessionCookie = (await insertSession(user)).cookie;
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  return data;
}

const handOver = (fields: Record<string, string | string[]>) =>
  handOverAction(initialFormState, form({ scope: "selected", ...fields }));

async function ownersOf(ids: number[]) {
  const rows = await db()
    .select({ id: processes.id, ownerId: processes.ownerId })
    .from(processes)
    .where(inArray(processes.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.ownerId]));
}

async function noticesFor(userId: number) {
  return db().select().from(notifications).where(eq(notifications.userId, userId));
}

async function ownerEntries(ids: number[]) {
  return db()
    .select()
    .from(processEvents)
    .where(and(inArray(processEvents.processId, ids), eq(processEvents.kind, "owner")));
}

let north: Showroom, south: Showroom;
let manager: TestUser, admin: TestUser, kasia: TestUser, tomasz: TestUser, southSeller: TestUser;
beforeAll(async () => {
  north = await insertShowroom({ name: `Północ ${unique()}` });
  south = await insertShowroom({ name: `Południe ${unique()}` });
  manager = await insertUser("manager", { name: "Marek Kierownik", showroomIds: [north.id] });
  admin = await insertUser("admin", { name: "Anna Admin", showroomIds: [north.id, south.id] });
  kasia = await insertUser("salesperson", { name: "Kasia Odchodzi", showroomIds: [north.id] });
  southSeller = await insertUser("salesperson", { name: "Sławek Południe", showroomIds: [south.id] });
});
beforeEach(async () => {
  // Each test hands to a new colleague, so notifications are counted from nothing.
  tomasz = await insertUser("salesperson", { name: `Tomasz ${unique()}`, showroomIds: [north.id] });
});

describe("Zmień opiekuna zaznaczonych", () => {
  test("ticked processes go to the new owner with their planned tasks, one history entry each, one notification", async () => {
    const [a, b, c] = [
      await insertProcess(kasia.id, { showroomId: north.id }),
      await insertProcess(kasia.id, { showroomId: north.id }),
      await insertProcess(kasia.id, { showroomId: north.id, status: "resigned" }),
    ];
    const planned = await insertTask(a.id, kasia.id);
    const done = await insertTask(a.id, kasia.id, { state: "done" });
    await signIn(manager);

    const state = await handOver({ ownerId: String(tomasz.id), processIds: [a, b, c].map((p) => String(p.id)) });

    expect(state).toMatchObject({ status: "ok", message: `Przekazano 3 procesy użytkownikowi ${tomasz.name}.` });
    expect(await ownersOf([a.id, b.id, c.id])).toEqual({ [a.id]: tomasz.id, [b.id]: tomasz.id, [c.id]: tomasz.id });
    const assignees = await db()
      .select({ id: tasks.id, assigneeId: tasks.assigneeId })
      .from(tasks)
      .where(inArray(tasks.id, [planned.id, done.id]));
    expect(Object.fromEntries(assignees.map((task) => [task.id, task.assigneeId]))).toEqual({
      [planned.id]: tomasz.id,
      [done.id]: kasia.id,
    });
    const entries = await ownerEntries([a.id, b.id, c.id]);
    expect(entries.map((entry) => [entry.processId, entry.fromValue, entry.toValue, entry.userId]).sort()).toEqual(
      [a, b, c].map((p) => [p.id, String(kasia.id), String(tomasz.id), manager.id]).sort(),
    );
    const notices = await noticesFor(tomasz.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "handed_over",
      actorId: manager.id,
      processId: null,
      message: "Marek Kierownik przekazał(a) Ci 3 procesy.",
    });

    // The notification leads to the new owner's own list.
    await signIn(tomasz);
    await expect(openNotification(notices[0].id, initialFormState, new FormData())).rejects.toMatchObject({
      digest: expect.stringContaining(`/procesy?owner=${tomasz.id}`),
    });
  });

  test("all matching the filter: the filter is applied again on the server, within the manager's sight", async () => {
    const word = `Filtr${unique().replace(/\D/g, "")}`;
    const matching = [
      await insertProcess(kasia.id, { showroomId: north.id, customer: { lastName: `${word} Jeden` } }),
      await insertProcess(kasia.id, { showroomId: north.id, customer: { lastName: `${word} Dwa` } }),
    ];
    const otherStatus = await insertProcess(kasia.id, {
      showroomId: north.id,
      status: "offer",
      customer: { lastName: `${word} Oferta` },
    });
    const outOfSight = await insertProcess(southSeller.id, {
      showroomId: south.id,
      customer: { lastName: `${word} Obcy` },
    });
    await signIn(manager);

    const state = await handOverAction(
      initialFormState,
      // A ticked id outside the filter does not count when the whole filter is chosen.
      form({ scope: "filter", ownerId: String(tomasz.id), q: word, status: "new", processIds: String(otherStatus.id) }),
    );

    expect(state).toMatchObject({ status: "ok", message: `Przekazano 2 procesy użytkownikowi ${tomasz.name}.` });
    expect(await ownersOf([...matching.map((p) => p.id), otherStatus.id, outOfSight.id])).toEqual({
      [matching[0].id]: tomasz.id,
      [matching[1].id]: tomasz.id,
      [otherStatus.id]: kasia.id,
      [outOfSight.id]: southSeller.id,
    });
    expect(await noticesFor(tomasz.id)).toHaveLength(1);
  });

  test("a ticked process the manager may not see refuses the whole batch", async () => {
    const mine = await insertProcess(kasia.id, { showroomId: north.id });
    const foreign = await insertProcess(southSeller.id, { showroomId: south.id });
    await signIn(manager);

    const state = await handOver({ ownerId: String(tomasz.id), processIds: [String(mine.id), String(foreign.id)] });

    expect(state).toMatchObject({
      status: "error",
      message: "Nie znaleziono części zaznaczonych procesów. Nic nie zmieniono.",
    });
    expect(await ownersOf([mine.id, foreign.id])).toEqual({ [mine.id]: kasia.id, [foreign.id]: southSeller.id });
    expect(await ownerEntries([mine.id, foreign.id])).toEqual([]);
    expect(await noticesFor(tomasz.id)).toEqual([]);
  });

  test("a new owner who does not work in one process's showroom refuses the whole batch, naming it", async () => {
    const northProcess = await insertProcess(kasia.id, { showroomId: north.id });
    const southProcess = await insertProcess(southSeller.id, { showroomId: south.id });
    await signIn(admin);

    const state = await handOver({
      ownerId: String(tomasz.id),
      processIds: [String(northProcess.id), String(southProcess.id)],
    });

    const message = `${tomasz.name} nie pracuje w salonie ${south.name}, do którego należą niektóre procesy. Nic nie zmieniono.`;
    expect(state).toMatchObject({ status: "error", message, fieldErrors: { ownerId: [message] } });
    expect(await ownersOf([northProcess.id, southProcess.id])).toEqual({
      [northProcess.id]: kasia.id,
      [southProcess.id]: southSeller.id,
    });
    expect(await noticesFor(tomasz.id)).toEqual([]);
  });

  test("a failure in the middle (the notification cannot be stored) leaves every process, task and entry as it was", async () => {
    const [a, b] = [
      await insertProcess(kasia.id, { showroomId: north.id }),
      await insertProcess(kasia.id, { showroomId: north.id }),
    ];
    const planned = await insertTask(b.id, kasia.id);
    await signIn(manager);
    const allowInserts = await refuseInserts("notifications", "nope");
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      const state = await handOver({ ownerId: String(tomasz.id), processIds: [String(a.id), String(b.id)] });
      expect(state.status).toBe("error");
    } finally {
      log.mockRestore();
      await allowInserts();
    }
    expect(await ownersOf([a.id, b.id])).toEqual({ [a.id]: kasia.id, [b.id]: kasia.id });
    const [task] = await db().select().from(tasks).where(eq(tasks.id, planned.id));
    expect(task.assigneeId).toBe(kasia.id);
    expect(await ownerEntries([a.id, b.id])).toEqual([]);
  });

  test("bad input: nothing ticked, no owner, an inactive owner, a salesperson", async () => {
    const process = await insertProcess(kasia.id, { showroomId: north.id });
    const gone = await insertUser("salesperson", { active: false, showroomIds: [north.id] });
    await signIn(manager);

    expect(await handOver({ ownerId: String(tomasz.id) })).toMatchObject({
      status: "error",
      fieldErrors: { processIds: ["Zaznacz co najmniej jeden proces."] },
    });
    expect(await handOver({ ownerId: "", processIds: String(process.id) })).toMatchObject({
      fieldErrors: { ownerId: ["Wybierz nowego opiekuna."] },
      values: { processIds: String(process.id) },
    });
    expect(await handOver({ ownerId: String(gone.id), processIds: String(process.id) })).toMatchObject({
      fieldErrors: { ownerId: ["Wybierz aktywnego użytkownika."] },
    });
    expect(await handOver({ ownerId: String(kasia.id), processIds: String(process.id) })).toMatchObject({
      message: "Kasia Odchodzi jest już opiekunem wszystkich wybranych procesów.",
    });
    await signIn(kasia);
    expect(await handOver({ ownerId: String(tomasz.id), processIds: String(process.id) })).toMatchObject({
      status: "error",
      message: "Nie masz uprawnień do tej operacji.",
    });
    expect((await ownersOf([process.id]))[process.id]).toBe(kasia.id);
  });

  test("one process handed over notifies of that process, as the panel's change does", async () => {
    const process = await insertProcess(kasia.id, { showroomId: north.id, customer: { lastName: "Pojedynczy" } });
    await signIn(manager);
    expect((await handOver({ ownerId: String(tomasz.id), processIds: String(process.id) })).status).toBe("ok");
    const notices = await noticesFor(tomasz.id);
    expect(notices).toEqual([
      expect.objectContaining({
        kind: "assigned",
        processId: process.id,
        message: expect.stringContaining("Pojedynczy"),
      }),
    ]);
  });
});

test("'Zmień opiekuna zaznaczonych' offers the active people the viewer oversees, of the list's showroom if filtered", async () => {
  const [a, b, elsewhere] = [await insertShowroom(), await insertShowroom(), await insertShowroom()];
  const manager = await insertUser("manager", { name: `Menedżer ${unique()}`, showroomIds: [a.id, b.id] });
  const inA = await insertUser("salesperson", { name: `A ${unique()}`, showroomIds: [a.id] });
  const inB = await insertUser("salesperson", { name: `B ${unique()}`, showroomIds: [b.id] });
  await insertUser("salesperson", { showroomIds: [a.id], active: false });
  await insertUser("salesperson", { showroomIds: [elsewhere.id] });
  const admin = await insertUser("admin", { showroomIds: [elsewhere.id] });
  // "Procesy" reads them with the owner filter's people (unfiltered: taken from those): the same either way.
  const ids = async (showroomId?: number, viewer: TestUser = manager) => {
    const alone = await listHandOverOwners({ viewer, showroomId });
    expect((await listOwnerPickLists({ viewer, showroomId })).handOverOwners).toEqual(alone);
    return alone.map((person) => person.id);
  };

  expect(await ids()).toEqual([inA.id, inB.id, manager.id]);
  expect(await ids(a.id)).toEqual([inA.id, manager.id]);
  expect(await ids(elsewhere.id)).toEqual([]);
  expect(await ids(a.id, admin)).toEqual([inA.id, manager.id]);
  expect(await ids(undefined, inA)).toEqual([inA.id]);
});
