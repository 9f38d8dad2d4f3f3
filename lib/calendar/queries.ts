import "server-only";
import { and, asc, eq, gte, lt, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, processes, tasks, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";
import { visibleTo } from "@/lib/processes/access";
import { shownTaskColumns } from "@/lib/tasks/queries";

export type CalendarTask = Awaited<ReturnType<typeof listWeekTasks>>[number];

/**
 * Tasks due in [from, to) on processes the viewer may see: their own, or, for a manager, one user's
 * (assigneeId) or everyone's (assigneeId null); of one showroom's processes with `showroomId`.
 */
export async function listWeekTasks({
  viewer,
  assigneeId,
  showroomId,
  from,
  to,
}: {
  viewer: Viewer;
  assigneeId: number | null;
  showroomId?: number;
  from: Date;
  to: Date;
}) {
  const forUser: SQL | undefined = isManager(viewer)
    ? assigneeId == null
      ? undefined
      : eq(tasks.assigneeId, assigneeId)
    : eq(tasks.assigneeId, viewer.id);
  return await getDb()
    .select({
      ...shownTaskColumns,
      state: tasks.state,
      assigneeName: users.name,
      firstName: customers.firstName,
      lastName: customers.lastName,
      brand: processes.brand,
      model: processes.model,
    })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(
      and(
        gte(tasks.dueAt, from),
        lt(tasks.dueAt, to),
        forUser,
        showroomId === undefined ? undefined : eq(processes.showroomId, showroomId),
        visibleTo(viewer),
      ),
    )
    .orderBy(asc(tasks.dueAt), asc(tasks.id));
}
