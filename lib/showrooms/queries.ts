import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { defineStatement, getDb, type Executor } from "@/db/client";
import { showrooms, userShowrooms, users, type Showroom } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { showroomsOf } from "@/lib/processes/access";

export type ShowroomOption = Pick<Showroom, "id" | "name" | "active">;

/** "Salony": every showroom, active first, with how many active people work in it. */
export async function listShowrooms() {
  const people = getDb()
    .select({ showroomId: userShowrooms.showroomId, n: count().as("n") })
    .from(userShowrooms)
    .innerJoin(users, and(eq(users.id, userShowrooms.userId), eq(users.active, true)))
    .groupBy(userShowrooms.showroomId)
    .as("people");
  return await getDb()
    .select({
      id: showrooms.id,
      name: showrooms.name,
      address: showrooms.address,
      phone: showrooms.phone,
      opensAt: showrooms.opensAt,
      closesAt: showrooms.closesAt,
      active: showrooms.active,
      people: sql<number>`coalesce(${people.n}, 0)`.mapWith(Number),
    })
    .from(showrooms)
    .leftJoin(people, eq(people.showroomId, showrooms.id))
    .orderBy(desc(showrooms.active), asc(showrooms.name));
}

export async function findShowroom(id: number, db: Executor = getDb()): Promise<Showroom | undefined> {
  const [showroom] = await db.select().from(showrooms).where(eq(showrooms.id, id));
  return showroom;
}

const optionColumns = { id: showrooms.id, name: showrooms.name, active: showrooms.active };

const showroomCount = defineStatement((db) => db.select({ n: count() }).from(showrooms));

/** Whether the dealership has more than one showroom: with one, the pages never mention showrooms. */
export async function hasSeveralShowrooms(): Promise<boolean> {
  return ((await showroomCount({}).get())?.n ?? 0) > 1;
}

const showroomsOfViewer = defineStatement((db, { all }: { all: boolean }) =>
  db
    .select(optionColumns)
    .from(showrooms)
    .where(all ? undefined : sql`${showrooms.id} in ${showroomsOf(sql.placeholder("viewer"))}`)
    .orderBy(desc(showrooms.active), asc(showrooms.name)),
);

/**
 * The showrooms a user may filter by ("Salon" in Procesy, Kalendarz, Statystyki): those they work in; an
 * administrator, who sees everything, every one. Active first.
 */
export function filterShowrooms(viewer: Viewer): Promise<ShowroomOption[]> {
  return showroomsOfViewer({ all: viewer.role === "admin" }).all({ viewer: viewer.id });
}

/** Whether a user may filter by this showroom ("Salon"): one they work in; an administrator any. */
export async function mayFilterByShowroom(viewer: Viewer, showroomId: number): Promise<boolean> {
  return viewer.role === "admin"
    ? Boolean(await findShowroom(showroomId))
    : await worksIn({ userId: viewer.id, showroomId });
}

/**
 * The showrooms a user may put a process in ("Salon" in "Nowy proces", the panel's change): the active
 * ones they work in; an administrator any active one.
 */
export async function showroomsForProcesses(viewer: Viewer, db: Executor = getDb()): Promise<ShowroomOption[]> {
  const mine = viewer.role === "admin" ? undefined : sql`${showrooms.id} in ${showroomsOf(viewer.id)}`;
  return await db
    .select(optionColumns)
    .from(showrooms)
    .where(and(eq(showrooms.active, true), mine))
    .orderBy(asc(showrooms.name));
}

// ---------------------------------------------------------------- membership, for lead routing and others

/** Whether the user works in the showroom. Pass `db: tx` inside a transaction. */
export async function worksIn({
  userId,
  showroomId,
  db = getDb(),
}: {
  userId: number;
  showroomId: number;
  db?: Executor;
}): Promise<boolean> {
  const found = await db
    .select({ id: userShowrooms.id })
    .from(userShowrooms)
    .where(and(eq(userShowrooms.userId, userId), eq(userShowrooms.showroomId, showroomId)));
  return found.length > 0;
}

/** The active people of one role in a showroom, by id (a stable order for a round robin). */
async function activePeopleOf(showroomId: number, role: Role, db: Executor) {
  return await activePeople({ role }, db).all({ showroomId });
}

const activePeople = defineStatement((db, { role }: { role: Role }) =>
  db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userShowrooms, eq(userShowrooms.userId, users.id))
    .where(
      and(eq(userShowrooms.showroomId, sql.placeholder("showroomId")), eq(users.active, true), eq(users.role, role)),
    )
    .orderBy(asc(users.id)),
);

/** The active salespeople of a showroom, by id: whom its leads go to in turn. Pass `db: tx` inside a transaction. */
export function activeSalespeopleOf({ showroomId, db = getDb() }: { showroomId: number; db?: Executor }) {
  return activePeopleOf(showroomId, "salesperson", db);
}

/** The active managers of a showroom: who hear of what its salespeople miss. Pass `db: tx` inside a transaction. */
export function activeManagersOf({ showroomId, db = getDb() }: { showroomId: number; db?: Executor }) {
  return activePeopleOf(showroomId, "manager", db);
}

/** Each user's showroom ids ("Użytkownicy"). */
export async function membershipsByUser(userIds?: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await getDb()
    .select({ userId: userShowrooms.userId, showroomId: userShowrooms.showroomId })
    .from(userShowrooms)
    .where(userIds ? inArray(userShowrooms.userId, [...userIds]) : undefined)
    .orderBy(asc(userShowrooms.userId), asc(userShowrooms.showroomId));
  const byUser = new Map<number, number[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.showroomId]);
  return byUser;
}
