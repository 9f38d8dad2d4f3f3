import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { forUpdate, transaction, type Executor } from "@/db/client";
import { customers, processes, showrooms, tasks, users, type Process } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { SessionUser } from "@/lib/auth/session";
import { customerName } from "@/lib/customers/name";
import { isManager } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { worksIn } from "@/lib/showrooms/queries";
import { visibleTo } from "./access";
import { recordProcessEvents } from "./events";
import { matchingProcesses } from "./queries";
import type { ListFilters } from "./schema";

type Actor = Pick<SessionUser, "id" | "role" | "name">;
const h = t.processes.handOver;

/** The most processes one hand-over moves: one transaction holds the database while it runs. */
export const HAND_OVER_LIMIT = 1000;

/** Ids per statement: well under SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

/**
 * A process's owner is an active user of its showroom. The owner's row stays locked until the change
 * commits, so a deactivation running at the same moment waits and then finds the processes they now own.
 */
export async function assertOwnerOf(
  tx: Executor,
  ownerId: number,
  showroomIds: readonly number[],
  /** The form's field that names the owner. */
  field = "ownerId",
): Promise<string> {
  const [owner] = await forUpdate(
    tx.select({ name: users.name, active: users.active }).from(users).where(eq(users.id, ownerId)),
  );
  if (!owner?.active) throw new UserError(t.common.formHasErrors, { [field]: [t.processes.ownerNotActive] });
  for (const showroomId of new Set(showroomIds)) {
    if (await worksIn({ userId: ownerId, showroomId, db: tx })) continue;
    if (showroomIds.length === 1) {
      throw new UserError(t.common.formHasErrors, { [field]: [t.showrooms.ownerNotInShowroom] });
    }
    const [showroom] = await tx.select({ name: showrooms.name }).from(showrooms).where(eq(showrooms.id, showroomId));
    const message = h.ownerNotInShowroom(owner.name, showroom?.name ?? "");
    throw new UserError(message, { [field]: [message] });
  }
  return owner.name;
}

/**
 * The new owner takes the processes and their planned tasks, each with its system entry ("Opiekun: A → B"),
 * and hears of it once: of the one process, or of how many came. The one home of what a hand-over does.
 * Call inside the change's transaction, with the processes re-read (and locked) through the visibility rule.
 */
export async function handOver(
  tx: Executor,
  {
    user,
    processes: moved,
    ownerId,
    now,
  }: { user: Actor; processes: readonly Pick<Process, "id" | "ownerId" | "customerId">[]; ownerId: number; now: Date },
): Promise<void> {
  if (moved.length === 0) return;
  for (const chunk of chunks(moved.map((process) => process.id))) {
    await tx.update(processes).set({ ownerId }).where(inArray(processes.id, chunk));
    await tx
      .update(tasks)
      .set({ assigneeId: ownerId })
      .where(and(inArray(tasks.processId, chunk), eq(tasks.state, "planned")));
  }
  await recordProcessEvents(
    tx,
    moved.map((process) => ({
      processId: process.id,
      userId: user.id,
      kind: "owner" as const,
      from: String(process.ownerId),
      to: String(ownerId),
    })),
    now,
  );
  if (moved.length === 1) {
    const [customer] = await tx.select().from(customers).where(eq(customers.id, moved[0].customerId));
    await notify(tx, {
      userId: ownerId,
      kind: "assigned",
      actorId: user.id,
      processId: moved[0].id,
      message: t.processes.assignedMessage(customer ? customerName(customer) : "", user.name),
      at: now,
    });
    return;
  }
  await notify(tx, {
    userId: ownerId,
    kind: "handed_over",
    actorId: user.id,
    message: h.message(moved.length, user.name),
    at: now,
  });
}

/** Which processes a bulk hand-over names: ticked ones, or every one matching the list's filters. */
export type HandOverSelection = { ids: readonly number[] } | { filters: ListFilters };

/**
 * "Zmień opiekuna zaznaczonych": hands the chosen processes to `ownerId` in one transaction. The
 * processes are re-read and locked through the visibility rule inside it (the filters applied again,
 * the ticked ids looked up again); if any ticked one is not found, or the new owner does not work in
 * the showroom of one of them, the whole batch is refused and nothing changes. Processes the new owner
 * already has are left as they are. Managers and admins only.
 */
export function handOverProcesses({
  user,
  ownerId,
  selection,
  now = new Date(),
}: {
  user: Actor;
  ownerId: number;
  selection: HandOverSelection;
  now?: Date;
}): Promise<{ moved: number; ownerName: string }> {
  return transaction(async (tx) => {
    if (!isManager(user)) throw new UserError(t.common.notAllowed);
    let chosen: Process[];
    if ("ids" in selection) {
      const ids = [...new Set(selection.ids)];
      if (ids.length === 0) throw new UserError(h.noneSelected, { processIds: [h.noneSelected] });
      if (ids.length > HAND_OVER_LIMIT) throw new UserError(h.tooMany(HAND_OVER_LIMIT));
      chosen = [];
      for (const chunk of chunks(ids.sort((a, b) => a - b))) {
        chosen.push(
          ...(await forUpdate(
            tx
              .select()
              .from(processes)
              .where(and(inArray(processes.id, chunk), visibleTo(user)))
              .orderBy(asc(processes.id)),
          )),
        );
      }
      if (chosen.length !== ids.length) throw new UserError(h.notFound);
    } else {
      const found = await matchingProcesses({ user, filters: selection.filters, tx, now, limit: HAND_OVER_LIMIT + 1 });
      if (!found) throw new UserError(t.common.notFound);
      if (found.length === 0) throw new UserError(h.noneMatching);
      if (found.length > HAND_OVER_LIMIT) throw new UserError(h.tooMany(HAND_OVER_LIMIT));
      chosen = found;
    }
    const ownerName = await assertOwnerOf(
      tx,
      ownerId,
      chosen.map((process) => process.showroomId),
    );
    const moved = chosen.filter((process) => process.ownerId !== ownerId);
    if (moved.length === 0) throw new UserError(h.alreadyOwner(ownerName), { ownerId: [h.alreadyOwner(ownerName)] });
    await handOver(tx, { user, processes: moved, ownerId, now });
    return { moved: moved.length, ownerName };
  });
}
