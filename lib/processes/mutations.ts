import "server-only";
import { and, desc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { lockUntilCommit, transaction, type Executor } from "@/db/client";
import { customers, notifications, processes, users, type Customer, type Process } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { customerName } from "@/lib/customers/name";
import type { SessionUser } from "@/lib/auth/session";
import { recordConsents } from "@/lib/consents/record";
import { CONSENT_CHANNELS, isManager, processIsClosed, type ProcessStatus } from "@/lib/domain";
import { releaseProcessCars } from "@/lib/fleet/bookings";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { showroomsForProcesses, worksIn } from "@/lib/showrooms/queries";
import { findVisibleProcess, processManagers, viewScope, visiblePeople, visibleTo } from "./access";
import { recordProcessEvent } from "./events";
import { assertOwnerOf, handOver } from "./handover";
import { findDuplicateCustomers } from "./queries";
import type { NewProcessInput } from "./schema";

type Actor = Pick<SessionUser, "id" | "role" | "name">;
const p = t.processes;
const s = t.showrooms;

/** The answer when the new customer's phone or e-mail already belongs to someone: the form offers them. */
export class DuplicateCustomerError extends UserError {
  constructor(
    readonly customer: Customer,
    by: "phone" | "email",
  ) {
    super(p.duplicateFound(customerName(customer), by === "phone" ? p.duplicateByPhone : p.duplicateByEmail), {
      [by]: [p.duplicateFound(customerName(customer), by === "phone" ? p.duplicateByPhone : p.duplicateByEmail)],
    });
  }
}

/** "Salon" of a new process: one the user may put processes in; left out, the only one they have. */
async function chosenShowroom(tx: Executor, user: Actor, requested: number | undefined): Promise<number> {
  const choices = await showroomsForProcesses(user, tx);
  if (requested === undefined) {
    if (choices.length === 1) return choices[0].id;
    throw new UserError(t.common.formHasErrors, { showroomId: [choices.length ? s.chooseShowroom : s.noShowroom] });
  }
  if (!choices.some((showroom) => showroom.id === requested)) {
    throw new UserError(t.common.formHasErrors, { showroomId: [s.notYourShowroom] });
  }
  return requested;
}

/**
 * Which of these customers someone else serves, out of the user's sight: they have processes, and none
 * the user may see (an administrator sees them all; a manager those of their showrooms).
 */
async function servedElsewhere(tx: Executor, user: Actor, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const withProcess = (where?: SQL) =>
    tx
      .selectDistinct({ id: processes.customerId })
      .from(processes)
      .where(and(inArray(processes.customerId, ids), where));
  const visible = new Set((await withProcess(visibleTo(user))).map((row) => row.id));
  return new Set((await withProcess()).map((row) => row.id).filter((id) => !visible.has(id)));
}

const matchedBy = (customer: Customer, input: NewProcessInput): "phone" | "email" =>
  input.phone && customer.phone === input.phone ? "phone" : "email";

/**
 * The phone or e-mail belongs to a customer the user may not see (another salesperson's): the user
 * learns only who serves them, and the managers of that customer's latest process hear of the attempt
 * (once, while unread). Runs in the refused creation's transaction, which commits just the notice.
 */
async function reportServedCustomer(
  tx: Executor,
  { user, customer, by, now }: { user: Actor; customer: Customer; by: "phone" | "email"; now: Date },
): Promise<{ servedBy: string; by: "phone" | "email" }> {
  const [served] = await tx
    .select({ processId: processes.id, ownerName: users.name })
    .from(processes)
    .innerJoin(users, eq(users.id, processes.ownerId))
    .where(eq(processes.customerId, customer.id))
    .orderBy(desc(processes.lastActivityAt))
    .limit(1);
  const alreadyTold = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.kind, "duplicate_customer"),
        eq(notifications.processId, served.processId),
        eq(notifications.actorId, user.id),
        isNull(notifications.readAt),
      ),
    )
    .limit(1);
  if (alreadyTold.length === 0) {
    const message = p.duplicateNotice(user.name, customerName(customer), served.ownerName, by);
    for (const manager of await processManagers({ tx, processId: served.processId })) {
      await notify(tx, {
        userId: manager.id,
        kind: "duplicate_customer",
        actorId: user.id,
        processId: served.processId,
        message,
        at: now,
      });
    }
  }
  return { servedBy: served.ownerName, by };
}

export type CreateProcessResult =
  | { created: Process }
  /** Refused: the customer is another salesperson's (see reportServedCustomer). */
  | { servedBy: string; by: "phone" | "email" };

/**
 * Creates a customer (or attaches to the existing one the user chose, among those they may see) and a
 * process in status `Nowy`, with its "created" system entry. A salesperson always owns what they create.
 */
export function createProcess({
  user,
  input,
  now = new Date(),
}: {
  user: Actor;
  input: NewProcessInput;
  now?: Date;
}): Promise<CreateProcessResult> {
  return transaction(async (tx) => {
    const showroomId = await chosenShowroom(tx, user, input.showroomId);
    const ownerId = isManager(user) && input.ownerId ? input.ownerId : user.id;
    if (ownerId !== user.id) {
      const [owner] = await tx
        .select({ active: users.active })
        .from(users)
        .where(and(eq(users.id, ownerId), visiblePeople(viewScope(user), user.id)));
      if (!owner?.active) throw new UserError(t.common.formHasErrors, { ownerId: [p.ownerNotActive] });
    }
    if (!(await worksIn({ userId: ownerId, showroomId, db: tx }))) {
      throw new UserError(t.common.formHasErrors, { ownerId: [s.ownerNotInShowroom] });
    }

    // Two people adding the same customer at once: the second one finds the first one's (and is offered it).
    await lockUntilCommit(tx, "new customers");
    const duplicates = await findDuplicateCustomers({ phone: input.phone, email: input.email, db: tx });
    const hiddenIds = await servedElsewhere(
      tx,
      user,
      duplicates.map((customer) => customer.id),
    );
    let customerId: number;
    let name = customerName({ firstName: input.firstName ?? "", lastName: input.lastName ?? "" });
    // Only a customer the user may see can be chosen; an offered one who no longer matches the typed
    // phone or e-mail is no choice either: check again.
    const chosen = input.existingCustomerId
      ? duplicates.find((customer) => customer.id === input.existingCustomerId && !hiddenIds.has(customer.id))
      : undefined;
    const hidden = duplicates.find((customer) => hiddenIds.has(customer.id));
    if (hidden && !(chosen && input.customerChoice === "existing")) {
      return reportServedCustomer(tx, { user, customer: hidden, by: matchedBy(hidden, input), now });
    }
    if (chosen && input.customerChoice === "existing") {
      customerId = chosen.id;
      name = customerName(chosen);
      // Fill in a contact the existing customer lacked; never overwrite one.
      const missing = {
        ...(!chosen.phone && input.phone ? { phone: input.phone } : {}),
        ...(!chosen.email && input.email ? { email: input.email } : {}),
      };
      if (Object.keys(missing).length) await tx.update(customers).set(missing).where(eq(customers.id, chosen.id));
    } else {
      if (duplicates.length && !(chosen && input.customerChoice === "new")) {
        throw new DuplicateCustomerError(duplicates[0], matchedBy(duplicates[0], input));
      }
      const [customer] = await tx
        .insert(customers)
        .values({
          firstName: input.firstName ?? "",
          lastName: input.lastName ?? "",
          phone: input.phone ?? null,
          email: input.email ?? null,
          createdAt: now,
        })
        .returning({ id: customers.id });
      customerId = customer.id;
    }

    // Ticked boxes grant; an unticked one withdraws nothing an existing customer had given.
    await recordConsents(tx, {
      customerId,
      channels: Object.fromEntries(CONSENT_CHANNELS.filter((channel) => input.consents[channel]).map((c) => [c, true])),
      source: input.source === "phone" ? "phone" : "showroom",
      by: user.id,
      at: now,
    });

    const [process] = await tx
      .insert(processes)
      .values({
        customerId,
        brand: input.brand ?? "",
        model: input.model ?? "",
        vehicleNotes: input.vehicleNotes ?? null,
        source: input.source,
        showroomId,
        ownerId,
        status: "new",
        createdById: user.id,
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      })
      .returning();
    await recordProcessEvent(tx, { processId: process.id, userId: user.id, kind: "created", to: "new", at: now });
    if (ownerId !== user.id) {
      await notify(tx, {
        userId: ownerId,
        kind: "assigned",
        actorId: user.id,
        processId: process.id,
        message: p.assignedMessage(name, user.name),
        at: now,
      });
    }
    return { created: process };
  });
}

/**
 * Moves a process to another status (back to an open one too), with its system entry, in one transaction.
 * Once the sales work ends the cars its planned test drives held are free.
 */
export function changeStatus({
  user,
  processId,
  status,
  reason,
  now = new Date(),
}: {
  user: Actor;
  processId: number;
  status: ProcessStatus;
  reason?: string;
  now?: Date;
}): Promise<void> {
  return transaction(async (tx) => {
    const process = await findVisibleProcess({ user, id: processId, tx });
    if (!process) throw new UserError(t.common.notFound);
    if (process.status === status) throw new UserError(t.common.formHasErrors, { status: [p.sameStatus] });
    await tx
      .update(processes)
      .set({ status, resignationReason: status === "resigned" ? (reason ?? null) : null })
      .where(eq(processes.id, process.id));
    if (processIsClosed(status)) await releaseProcessCars(tx, { processId: process.id, now });
    await recordProcessEvent(tx, {
      processId: process.id,
      userId: user.id,
      kind: "status",
      from: process.status,
      to: status,
      reason: status === "resigned" ? reason : null,
      at: now,
    });
  });
}

/**
 * Hands a process to another active user of its showroom: its planned tasks follow, the new owner is
 * notified. Managers (of the process's showroom) and admins only.
 */
export function changeOwner({
  user,
  processId,
  ownerId,
  now = new Date(),
}: {
  user: Actor;
  processId: number;
  ownerId: number;
  now?: Date;
}): Promise<void> {
  return transaction(async (tx) => {
    const process = await managedProcess(tx, user, processId);
    if (process.ownerId === ownerId) throw new UserError(t.common.formHasErrors, { ownerId: [p.sameOwner] });
    await assertOwnerOf(tx, ownerId, [process.showroomId]);
    await handOver(tx, { user, processes: [process], ownerId, now });
  });
}

/**
 * Moves a process to another showroom ("Zmień salon"), by a manager of both showrooms or an admin, with its
 * system entry. Its owner must work there: the current one, or `ownerId`, who then takes it over.
 */
export function changeShowroom({
  user,
  processId,
  showroomId,
  ownerId,
  now = new Date(),
}: {
  user: Actor;
  processId: number;
  showroomId: number;
  ownerId?: number;
  now?: Date;
}): Promise<void> {
  return transaction(async (tx) => {
    const process = await managedProcess(tx, user, processId);
    if (process.showroomId === showroomId) {
      throw new UserError(t.common.formHasErrors, { showroomId: [s.sameShowroom] });
    }
    const targets = await showroomsForProcesses(user, tx);
    if (!targets.some((showroom) => showroom.id === showroomId)) {
      throw new UserError(t.common.formHasErrors, { showroomId: [s.notYourShowroom] });
    }
    const newOwner = ownerId ?? process.ownerId;
    await assertOwnerOf(tx, newOwner, [showroomId]);
    await tx.update(processes).set({ showroomId }).where(eq(processes.id, process.id));
    await recordProcessEvent(tx, {
      processId: process.id,
      userId: user.id,
      kind: "showroom",
      from: String(process.showroomId),
      to: String(showroomId),
      at: now,
    });
    if (newOwner !== process.ownerId) await handOver(tx, { user, processes: [process], ownerId: newOwner, now });
  });
}

/** The process for a manager's change, re-read and locked: one of their showrooms' (an admin's any). */
async function managedProcess(tx: Executor, user: Actor, processId: number): Promise<Process> {
  if (!isManager(user)) throw new UserError(t.common.notAllowed);
  const process = await findVisibleProcess({ user, id: processId, tx });
  if (!process) throw new UserError(t.common.notFound);
  return process;
}
