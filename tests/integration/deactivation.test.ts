import { and, count, eq, inArray } from "drizzle-orm";
import { notifications, processEvents, processes, tasks, users, type Showroom } from "@/db/schema";
import { initialFormState } from "@/lib/actions/form-state";
import { OPEN_STATUSES } from "@/lib/domain";
import { membershipsByUser } from "@/lib/showrooms/queries";
import { successorsByUser } from "@/lib/users/queries";
import { setUserActive } from "@/app/(crm)/uzytkownicy/actions";
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

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

const deactivate = (user: { id: number }, fields: Record<string, string> = {}) =>
  setUserActive(user.id, initialFormState, form(fields));

async function isActive(id: number) {
  const [row] = await db().select({ active: users.active }).from(users).where(eq(users.id, id));
  return row.active;
}

async function ownersOf(ids: number[]) {
  const rows = await db()
    .select({ id: processes.id, ownerId: processes.ownerId })
    .from(processes)
    .where(inArray(processes.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.ownerId]));
}

/** Every open process of the database whose owner is inactive. */
async function openProcessesOfInactiveOwners() {
  const [{ n }] = await db()
    .select({ n: count() })
    .from(processes)
    .innerJoin(users, eq(users.id, processes.ownerId))
    .where(and(inArray(processes.status, [...OPEN_STATUSES]), eq(users.active, false)));
  return n;
}

let north: Showroom, south: Showroom;
let successor: TestUser, southOnly: TestUser;
beforeAll(async () => {
  north = await insertShowroom({ name: `Północ ${unique()}` });
  south = await insertShowroom({ name: `Południe ${unique()}` });
  successor = await insertUser("salesperson", { name: "Tomasz Następca", showroomIds: [north.id, south.id] });
  southOnly = await insertUser("salesperson", { name: "Sławek Południe", showroomIds: [south.id] });
  sessionCookie = (await insertSession(await insertUser("admin", { name: "Anna Admin" }))).cookie;
});

/** A salesperson of both showrooms with two open processes (one in each) and a closed one, and a planned task. */
async function leaving() {
  const user = await insertUser("salesperson", {
    name: `Kasia Odchodzi ${unique()}`,
    showroomIds: [north.id, south.id],
  });
  const open = [
    await insertProcess(user.id, { showroomId: north.id }),
    await insertProcess(user.id, { showroomId: south.id, status: "offer" }),
  ];
  const closed = await insertProcess(user.id, { showroomId: north.id, status: "delivered" });
  const task = await insertTask(open[0].id, user.id);
  return { user, open, closed, task };
}

describe("Dezaktywuj a user who owns open processes", () => {
  test("asks who takes them over; nothing changes until then", async () => {
    const { user, open } = await leaving();
    const state = await deactivate(user);
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { successorId: ["Wybierz, kto przejmie otwarte procesy tego użytkownika (2)."] },
    });
    expect(await isActive(user.id)).toBe(true);
    expect(await ownersOf(open.map((p) => p.id))).toEqual({ [open[0].id]: user.id, [open[1].id]: user.id });
    // Nor can they take them over themselves.
    expect((await deactivate(user, { successorId: String(user.id) })).fieldErrors?.successorId).toHaveLength(1);
    expect(await isActive(user.id)).toBe(true);
  });

  test("the deactivation and the hand-over happen together: open processes and planned tasks go, closed ones stay, one notification", async () => {
    const { user, open, closed, task } = await leaving();
    const before = await db().select({ n: count() }).from(notifications).where(eq(notifications.userId, successor.id));

    const state = await deactivate(user, { successorId: String(successor.id) });

    expect(state).toMatchObject({
      status: "ok",
      message: "Użytkownik został dezaktywowany; Tomasz Następca przejmuje jego otwarte procesy (2).",
    });
    expect(await isActive(user.id)).toBe(false);
    expect(await ownersOf([...open.map((p) => p.id), closed.id])).toEqual({
      [open[0].id]: successor.id,
      [open[1].id]: successor.id,
      [closed.id]: user.id,
    });
    const [moved] = await db().select().from(tasks).where(eq(tasks.id, task.id));
    expect(moved.assigneeId).toBe(successor.id);
    const entries = await db()
      .select()
      .from(processEvents)
      .where(
        and(inArray(processEvents.processId, [...open.map((p) => p.id), closed.id]), eq(processEvents.kind, "owner")),
      );
    expect(entries.map((entry) => entry.processId).sort()).toEqual(open.map((p) => p.id).sort());
    const after = await db().select({ n: count() }).from(notifications).where(eq(notifications.userId, successor.id));
    expect(after[0].n - before[0].n).toBe(1);
    expect(await openProcessesOfInactiveOwners()).toBe(0);
  });

  test("a successor who does not work in every showroom of the processes is refused, and the user stays active", async () => {
    const { user, open } = await leaving();
    const state = await deactivate(user, { successorId: String(southOnly.id) });
    const message = `Sławek Południe nie pracuje w salonie ${north.name}, do którego należą niektóre procesy. Nic nie zmieniono.`;
    expect(state).toMatchObject({ status: "error", fieldErrors: { successorId: [message] } });
    expect(await isActive(user.id)).toBe(true);
    expect(await ownersOf(open.map((p) => p.id))).toEqual({ [open[0].id]: user.id, [open[1].id]: user.id });
  });

  test("a failure in the middle (the audit entry cannot be written) leaves the user active and the processes theirs", async () => {
    const { user, open, task } = await leaving();
    const allowInserts = await refuseInserts("audit_events", "nope");
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await deactivate(user, { successorId: String(successor.id) })).status).toBe("error");
    } finally {
      log.mockRestore();
      await allowInserts();
    }
    expect(await isActive(user.id)).toBe(true);
    expect(await ownersOf(open.map((p) => p.id))).toEqual({ [open[0].id]: user.id, [open[1].id]: user.id });
    const [kept] = await db().select().from(tasks).where(eq(tasks.id, task.id));
    expect(kept.assigneeId).toBe(user.id);
  });

  test("a user with no open process is deactivated without being asked", async () => {
    const user = await insertUser("salesperson", { showroomIds: [north.id] });
    await insertProcess(user.id, { showroomId: north.id, status: "resigned" });
    expect(await deactivate(user)).toMatchObject({ status: "ok", message: "Użytkownik został dezaktywowany." });
    expect(await isActive(user.id)).toBe(false);
    expect(await openProcessesOfInactiveOwners()).toBe(0);
  });

  test("the form offers, with the count, the other active users of every showroom of the processes", async () => {
    const { user } = await leaving();
    const gone = await insertUser("salesperson", { active: false, showroomIds: [north.id, south.id] });
    const successors = (await successorsByUser(await membershipsByUser())).get(user.id)!;
    expect(successors.openProcesses).toBe(2);
    const offered = successors.candidates.map((candidate) => candidate.id);
    expect(offered).toContain(successor.id);
    expect(offered).not.toContain(southOnly.id);
    expect(offered).not.toContain(gone.id);
    expect(offered).not.toContain(user.id);
  });
});
