import "server-only";
import { and, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import { prepared, type Executor } from "@/db/client";
import { processes, type Process } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";

type Viewer = Pick<SessionUser, "id" | "role">;

/**
 * What processes a user may see, as a condition for any query over `processes`: a salesperson their
 * own, a manager or admin all. Every query that reads or writes a process goes through this. A prepared
 * query passes a placeholder for the user's id.
 */
export function visibleProcesses(user: Viewer, userId: number | Placeholder = user.id): SQL | undefined {
  return isManager(user) ? undefined : eq(processes.ownerId, userId);
}

/** The process, if this user may see it; undefined means "not found" to them. */
export function findVisibleProcess({ user, id, db }: { user: Viewer; id: number; db?: Executor }): Process | undefined {
  if (db)
    return db
      .select()
      .from(processes)
      .where(and(eq(processes.id, id), visibleProcesses(user)))
      .get();
  const query = prepared(`visible process, ${isManager(user) ? "any" : "own"}`, (db) =>
    db
      .select()
      .from(processes)
      .where(and(eq(processes.id, sql.placeholder("id")), visibleProcesses(user, sql.placeholder("userId"))))
      .prepare(),
  );
  return query.get({ id, userId: user.id });
}
