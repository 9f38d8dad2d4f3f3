import "server-only";
import { and, asc, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { defineStatement, forUpdate, type Executor } from "@/db/client";
import { processes, userShowrooms, users, type Process } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";

/**
 * How far a user's sight reaches, a statement's shape so that each scope has its own SQL: an admin's
 * every process, a manager's those of the showrooms they work in, a salesperson's their own.
 */
export type ViewScope = "all" | "showrooms" | "own";

export function viewScope(user: Pick<Viewer, "role">): ViewScope {
  return user.role === "admin" ? "all" : user.role === "manager" ? "showrooms" : "own";
}

/** The showrooms a user works in, as a subquery (`… in (select showroom_id …)`). */
export function showroomsOf(userId: number | Placeholder | SQL): SQL {
  return sql`(select ${userShowrooms.showroomId} from ${userShowrooms} where ${userShowrooms.userId} = ${userId})`;
}

/**
 * What processes a user may see, as a condition for any query over `processes`: a salesperson their own;
 * a manager those of their showrooms (the owner of an open process always works in its showroom:
 * lib/users/mutations.ts); an admin all. Every query that reads or writes a process goes through this. A
 * prepared statement passes its scope and a placeholder for the viewer's id.
 */
export function visibleProcesses(scope: ViewScope, viewerId: number | Placeholder): SQL | undefined {
  if (scope === "all") return undefined;
  if (scope === "own") return eq(processes.ownerId, viewerId);
  // One condition on the showroom, no OR: the counts read the (showroom_id, status) index alone.
  return sql`${processes.showroomId} in ${showroomsOf(viewerId)}`;
}

/**
 * Whose work a user oversees, as a condition over `users` (pick-lists of people, statistics): an admin
 * everyone; a manager the people of their showrooms; a salesperson themselves.
 */
export function visiblePeople(scope: ViewScope, viewerId: number | Placeholder): SQL | undefined {
  if (scope === "all") return undefined;
  if (scope === "own") return eq(users.id, viewerId);
  return or(
    eq(users.id, viewerId),
    sql`${users.id} in (select ${userShowrooms.userId} from ${userShowrooms} where ${userShowrooms.showroomId} in ${showroomsOf(viewerId)})`,
  );
}

/** `visibleProcesses` of this user. */
export function visibleTo(user: Viewer): SQL | undefined {
  return visibleProcesses(viewScope(user), user.id);
}

const visibleProcessById = defineStatement((db, { scope }: { scope: ViewScope }) =>
  db
    .select()
    .from(processes)
    .where(and(eq(processes.id, sql.placeholder("id")), visibleProcesses(scope, sql.placeholder("viewer")))),
);

/**
 * The process, if this user may see it; undefined means "not found" to them. Inside a transaction pass
 * its `tx`: a mutation re-reads what it changes there (and holds the row until it commits), so a change
 * made since the page was drawn counts.
 */
export async function findVisibleProcess({
  user,
  id,
  tx,
}: {
  user: Viewer;
  id: number;
  tx?: Executor;
}): Promise<Process | undefined> {
  if (tx) {
    const [process] = await forUpdate(
      tx
        .select()
        .from(processes)
        .where(and(eq(processes.id, id), visibleTo(user))),
    );
    return process;
  }
  return visibleProcessById({ scope: viewScope(user) }).get({ id, viewer: user.id });
}

/**
 * Who manages a process (and hears of what happens around it): the active managers of its showroom;
 * where there is none, the administrators. The one home of this rule.
 */
export async function processManagers({
  tx,
  processId,
}: {
  tx: Executor;
  processId: number;
}): Promise<{ id: number }[]> {
  const managers = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userShowrooms, eq(userShowrooms.userId, users.id))
    .innerJoin(processes, eq(processes.showroomId, userShowrooms.showroomId))
    .where(and(eq(processes.id, processId), eq(users.role, "manager"), eq(users.active, true)))
    .orderBy(asc(users.id));
  if (managers.length) return managers;
  return tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id));
}
