import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { defineStatement, getDb } from "@/db/client";
import { count } from "drizzle-orm";
import { processes, userShowrooms, users } from "@/db/schema";
import { OPEN_STATUSES } from "@/lib/domain";
import type { Viewer } from "@/lib/auth/session";
import { blockedAddressCounts } from "@/lib/auth/throttle";
import { viewScope, visiblePeople, type ViewScope } from "@/lib/processes/access";

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

/** "Użytkownicy": everyone, with whether two-step sign-in is on and from how many addresses sign-in is refused. */
export async function listUsers() {
  const rows = await getDb()
    .select({
      ...publicColumns,
      twoFactor: sql<number>`case when ${users.totpSecret} is null then 0 else 1 end`.mapWith(Boolean),
    })
    .from(users)
    .orderBy(asc(users.name));
  const blocked = await blockedAddressCounts(
    getDb(),
    rows.map((user) => user.email),
  );
  return rows.map((user) => ({ ...user, signInBlockedFrom: blocked.get(user.email) ?? 0 }));
}

export async function findUser(id: number) {
  const [user] = await getDb().select(publicColumns).from(users).where(eq(users.id, id));
  return user;
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

/**
 * A user whose numbers the viewer may see: themselves, the people of a manager's showrooms, anyone for an
 * admin; undefined is "not found".
 */
export async function findVisibleUser({ viewer, id }: { viewer: Viewer; id: number }) {
  const [user] = await getDb()
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.id, id), visiblePeople(viewScope(viewer), viewer.id)));
  return user;
}

// ---------------------------------------------------------------- pick-lists

const ownerOptions = defineStatement((db, { scope }: { scope: ViewScope }) =>
  db
    .select({ id: users.id, name: users.name, active: users.active, role: users.role })
    .from(users)
    .where(visiblePeople(scope, sql.placeholder("viewer")))
    .orderBy(desc(users.active), asc(users.name)),
);

/**
 * The people a user oversees (the list's owner filter, "Opiekun" of a new process): a manager's showrooms'
 * people, everyone for an admin; active first, the caller marks inactive ones.
 */
export function listOwnerOptions(viewer: Viewer) {
  return ownerOptions({ scope: viewScope(viewer) }).all({ viewer: viewer.id });
}

/** The active people of a showroom, whom a process of it can be handed to. */
export function listShowroomPeople(showroomId: number): Promise<{ id: number; name: string; active: boolean }[]> {
  return getDb()
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .innerJoin(userShowrooms, eq(userShowrooms.userId, users.id))
    .where(and(eq(userShowrooms.showroomId, showroomId), eq(users.active, true)))
    .orderBy(asc(users.name));
}

const handOverOwners = defineStatement((db, { scope, byShowroom }: { scope: ViewScope; byShowroom: boolean }) =>
  db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        visiblePeople(scope, sql.placeholder("viewer")),
        byShowroom
          ? sql`${users.id} in (select ${userShowrooms.userId} from ${userShowrooms} where ${eq(userShowrooms.showroomId, sql.placeholder("showroomId"))})`
          : undefined,
      ),
    )
    .orderBy(asc(users.name)),
);

/**
 * Whom "Zmień opiekuna zaznaczonych" offers: the active people the viewer oversees, of the showroom the
 * list is filtered to if it is. The hand-over itself checks that they work in each process's showroom.
 */
export function listHandOverOwners({
  viewer,
  showroomId,
}: {
  viewer: Viewer;
  showroomId?: number;
}): Promise<{ id: number; name: string }[]> {
  return handOverOwners({ scope: viewScope(viewer), byShowroom: showroomId !== undefined }).all({
    viewer: viewer.id,
    showroomId,
  });
}

/**
 * "Procesy"'s two pick-lists for a manager: the owner filter's people (`listOwnerOptions`) and whom a
 * selection can be handed to (`listHandOverOwners`). Unfiltered by showroom, the second is the first's
 * active people (the same people, the same order), taken from it instead of read again.
 */
export async function listOwnerPickLists({ viewer, showroomId }: { viewer: Viewer; showroomId?: number }) {
  const [owners, handOverOwners] = await Promise.all([
    listOwnerOptions(viewer),
    showroomId === undefined ? null : listHandOverOwners({ viewer, showroomId }),
  ]);
  return {
    owners,
    handOverOwners: handOverOwners ?? owners.filter((person) => person.active).map(({ id, name }) => ({ id, name })),
  };
}

/** People whose tasks a manager can switch "Moje zadania" to: active salespeople and managers of their showrooms. */
export function listTaskOwners(viewer: Viewer): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.active, true),
        inArray(users.role, ["salesperson", "manager"]),
        visiblePeople(viewScope(viewer), viewer.id),
      ),
    )
    .orderBy(asc(users.name));
}

/** Whose calendar a manager may pick: every active person of their showrooms. */
export function listCalendarUsers(viewer: Viewer): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), visiblePeople(viewScope(viewer), viewer.id)))
    .orderBy(asc(users.name));
}

export type Successors = { openProcesses: number; candidates: { id: number; name: string }[] };

/**
 * For each user who owns open processes ("Dezaktywuj" asks who takes them over): how many, and who could:
 * the other active users working in every showroom those processes are in.
 */
export async function successorsByUser(
  memberships: ReadonlyMap<number, readonly number[]>,
): Promise<Map<number, Successors>> {
  const rows = await getDb()
    .select({ ownerId: processes.ownerId, showroomId: processes.showroomId, n: count() })
    .from(processes)
    .where(inArray(processes.status, [...OPEN_STATUSES]))
    .groupBy(processes.ownerId, processes.showroomId);
  const open = new Map<number, { n: number; showroomIds: number[] }>();
  for (const row of rows) {
    const entry = open.get(row.ownerId) ?? { n: 0, showroomIds: [] };
    open.set(row.ownerId, { n: entry.n + row.n, showroomIds: [...entry.showroomIds, row.showroomId] });
  }
  if (open.size === 0) return new Map();
  const active = await getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
  return new Map(
    [...open].map(([ownerId, { n, showroomIds }]) => [
      ownerId,
      {
        openProcesses: n,
        candidates: active.filter(
          (user) =>
            user.id !== ownerId && showroomIds.every((showroomId) => memberships.get(user.id)?.includes(showroomId)),
        ),
      },
    ]),
  );
}
