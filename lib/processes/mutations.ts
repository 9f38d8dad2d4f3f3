import "server-only";
import { and, eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { customers, processes, tasks, users, type Customer, type Process } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { customerName } from "@/lib/customers/name";
import type { SessionUser } from "@/lib/auth/session";
import { recordConsents } from "@/lib/consents/record";
import { CONSENT_CHANNELS, isManager, type ProcessStatus } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { findVisibleProcess } from "./access";
import { recordProcessEvent } from "./events";
import { findDuplicateCustomers } from "./queries";
import type { NewProcessInput } from "./schema";

type Actor = Pick<SessionUser, "id" | "role" | "name">;
const p = t.processes;

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

/**
 * Creates a customer (or uses the existing one the user chose) and a process in status `Nowy`, with its
 * "created" system entry. A salesperson always owns what they create.
 */
export function createProcess({
  user,
  input,
  now = new Date(),
}: {
  user: Actor;
  input: NewProcessInput;
  now?: Date;
}): Promise<Process> {
  return transaction(async (tx) => {
    const ownerId = isManager(user) && input.ownerId ? input.ownerId : user.id;
    if (ownerId !== user.id) {
      const [owner] = await tx.select({ active: users.active }).from(users).where(eq(users.id, ownerId));
      if (!owner?.active) throw new UserError(t.common.formHasErrors, { ownerId: [p.ownerNotActive] });
    }

    const duplicates = await findDuplicateCustomers({ phone: input.phone, email: input.email, db: tx });
    let customerId: number;
    let name = customerName({ firstName: input.firstName ?? "", lastName: input.lastName ?? "" });
    const chosen = input.existingCustomerId
      ? duplicates.find((customer) => customer.id === input.existingCustomerId)
      : undefined;
    // An offered customer who no longer matches the typed phone or e-mail is no choice: check again.
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
        const duplicate = duplicates[0];
        throw new DuplicateCustomerError(duplicate, input.phone && duplicate.phone === input.phone ? "phone" : "email");
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
    return process;
  });
}

/** Moves a process to another status (back to an open one too), with its system entry, in one transaction. */
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

/** Hands a process to another active user: its planned tasks follow, the new owner is notified. Managers and admins only. */
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
    if (!isManager(user)) throw new UserError(t.common.notAllowed);
    const process = await findVisibleProcess({ user, id: processId, tx });
    if (!process) throw new UserError(t.common.notFound);
    if (process.ownerId === ownerId) throw new UserError(t.common.formHasErrors, { ownerId: [p.sameOwner] });
    const [owner] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, ownerId));
    if (!owner?.active) throw new UserError(t.common.formHasErrors, { ownerId: [p.ownerNotActive] });

    await tx.update(processes).set({ ownerId }).where(eq(processes.id, process.id));
    await tx
      .update(tasks)
      .set({ assigneeId: ownerId })
      .where(and(eq(tasks.processId, process.id), eq(tasks.state, "planned")));
    await recordProcessEvent(tx, {
      processId: process.id,
      userId: user.id,
      kind: "owner",
      from: String(process.ownerId),
      to: String(ownerId),
      at: now,
    });
    const [customer] = await tx.select().from(customers).where(eq(customers.id, process.customerId));
    await notify(tx, {
      userId: ownerId,
      kind: "assigned",
      actorId: user.id,
      processId: process.id,
      message: p.assignedMessage(customer ? customerName(customer) : "", user.name),
      at: now,
    });
  });
}
