import "server-only";
import { and, asc, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import { defineStatement, forUpdate, type Executor } from "@/db/client";
import { processes, users, type Process } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";

/** How far a user's sight reaches: a statement's shape, so that each scope has its own SQL. */
export type ViewScope = "all" | "own";

export function viewScope(user: Pick<Viewer, "role">): ViewScope {
  return isManager(user) ? "all" : "own";
}

/**
 * What processes a user may see, as a condition for any query over `processes`: a salesperson their
 * own, a manager or admin all. Every query that reads or writes a process goes through this. A prepared
 * statement passes its scope and a placeholder for the viewer's id.
 */
export function visibleProcesses(scope: ViewScope, viewerId: number | Placeholder): SQL | undefined {
  return scope === "all" ? undefined : eq(processes.ownerId, viewerId);
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
 * Who manages a process (and hears of what happens around it): every active manager, as managers see
 * every process; where there is none, the administrators. The one home of this rule: showrooms will
 * narrow it to the managers of the process's showroom, which is why it takes the process.
 */
export async function processManagers({ tx }: { tx: Executor; processId: number }): Promise<{ id: number }[]> {
  for (const role of ["manager", "admin"] as const) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, role), eq(users.active, true)))
      .orderBy(asc(users.id));
    if (found.length) return found;
  }
  return [];
}
