import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { processes, type Process } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";

type Viewer = Pick<SessionUser, "id" | "role">;

/**
 * What processes a user may see, as a condition for any query over `processes`: a salesperson their
 * own, a manager or admin all. Every query that reads or writes a process goes through this.
 */
export function visibleProcesses(user: Viewer): SQL | undefined {
  return isManager(user) ? undefined : eq(processes.ownerId, user.id);
}

/** The process, if this user may see it; undefined means "not found" to them. */
export function findVisibleProcess({ user, id, db = getDb() }: { user: Viewer; id: number; db?: Executor }): Process | undefined {
  return db
    .select()
    .from(processes)
    .where(and(eq(processes.id, id), visibleProcesses(user)))
    .get();
}
