import "server-only";
import { and, asc, count, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDb, transaction, type Executor } from "@/db/client";
import { auditEvents, consentRecords, customers, leadSubmissions, processes, type Customer } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { SessionUser, Viewer } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { visibleTo } from "@/lib/processes/access";
import { recordProcessEvents } from "@/lib/processes/events";
import { findVisibleCustomer } from "./access";
import { customerName } from "./name";

const m = t.customers.merge;

/** Customers with a process the viewer may see (everyone for an admin), not anonymised. */
function visibleCustomers(viewer: Viewer): SQL | undefined {
  const visible = visibleTo(viewer);
  return and(
    isNull(customers.anonymizedAt),
    visible ? sql`${customers.id} in (select ${processes.customerId} from ${processes} where ${visible})` : undefined,
  );
}

const DUPLICATE_GROUPS = 50;

/** The processes of these customers the viewer may see (the links of "Duplikaty"), oldest first. */
async function visibleProcessesOf(viewer: Viewer, customerIds: number[]) {
  if (!customerIds.length) return [];
  const visible = visibleTo(viewer);
  return getDb()
    .select({
      id: processes.id,
      customerId: processes.customerId,
      brand: processes.brand,
      model: processes.model,
      status: processes.status,
    })
    .from(processes)
    .where(and(inArray(processes.customerId, customerIds), visible))
    .orderBy(asc(processes.id));
}

/**
 * "Duplikaty": groups of customers the viewer may see who share a phone (E.164) or an e-mail (in any
 * case), at most 50 groups, each customer with the count of all their processes and the ones the viewer
 * may open. An anonymised customer is never offered: they have neither any more.
 */
export async function listDuplicateGroups({ viewer }: { viewer: Viewer }) {
  const db = getDb();
  const email = sql<string>`lower(${customers.email})`;
  const [phones, emails] = await Promise.all([
    db
      .select({ key: customers.phone })
      .from(customers)
      .where(and(visibleCustomers(viewer), sql`${customers.phone} is not null`))
      .groupBy(customers.phone)
      .having(sql`count(*) > 1`)
      .orderBy(asc(customers.phone))
      .limit(DUPLICATE_GROUPS),
    db
      .select({ key: email })
      .from(customers)
      .where(and(visibleCustomers(viewer), sql`${customers.email} is not null`))
      .groupBy(email)
      .having(sql`count(*) > 1`)
      .orderBy(asc(email))
      .limit(DUPLICATE_GROUPS),
  ]);
  const groups: {
    by: "phone" | "email";
    key: string;
    customers: (Customer & { processes: number; visible: Awaited<ReturnType<typeof visibleProcessesOf>> })[];
  }[] = [];
  for (const [by, keys] of [
    ["phone", phones],
    ["email", emails],
  ] as const) {
    for (const { key } of keys.slice(0, DUPLICATE_GROUPS - groups.length)) {
      if (!key) continue;
      const rows = await db
        .select({ customer: customers, processes: count(processes.id) })
        .from(customers)
        .leftJoin(processes, eq(processes.customerId, customers.id))
        .where(and(visibleCustomers(viewer), by === "phone" ? eq(customers.phone, key) : sql`${email} = ${key}`))
        .groupBy(customers.id)
        .orderBy(asc(customers.id));
      groups.push({
        by,
        key,
        customers: rows.map((row) => ({ ...row.customer, processes: row.processes, visible: [] })),
      });
    }
  }
  const ids = [...new Set(groups.flatMap((group) => group.customers.map((customer) => customer.id)))];
  const links = await visibleProcessesOf(viewer, ids);
  for (const group of groups)
    for (const customer of group.customers)
      customer.visible = links.filter((process) => process.customerId === customer.id);
  return groups;
}

const sameContact = (a: Customer, b: Customer) =>
  (a.phone !== null && a.phone === b.phone) ||
  (a.email !== null && b.email !== null && a.email.toLowerCase() === b.email.toLowerCase());

/** Whether every process of the customer is one the user may see (an admin sees them all). */
async function allProcessesVisible(tx: Executor, user: Viewer, customerId: number): Promise<boolean> {
  const visible = visibleTo(user);
  if (!visible) return true;
  const [hidden] = await tx
    .select({ n: count() })
    .from(processes)
    .where(and(eq(processes.customerId, customerId), sql`not (${visible})`));
  return hidden.n === 0;
}

/**
 * "Połącz": the customer `mergeId` joins `keepId` in one transaction. Both are re-read (and locked) through
 * the visibility rule inside it; they must share a phone or e-mail, neither may be anonymised, and a
 * manager merges only customers whose every process they see. Processes, consent records (with their
 * original time and source), lead log and "Dziennik zdarzeń" entries move to the kept customer; contact
 * fields it lacks are filled from the other; each of its processes gets a history entry naming the merged
 * customer; the other customer is removed.
 */
export function mergeCustomers({
  user,
  keepId,
  mergeId,
  now = new Date(),
}: {
  user: Pick<SessionUser, "id" | "role" | "name">;
  keepId: number;
  mergeId: number;
  now?: Date;
}): Promise<{ kept: Customer; mergedName: string }> {
  return transaction(async (tx) => {
    if (!isManager(user)) throw new UserError(t.common.notAllowed);
    if (keepId === mergeId) throw new UserError(m.same);
    // In id order, so that two merges of the same pair lock alike.
    const [first, second] = [Math.min(keepId, mergeId), Math.max(keepId, mergeId)];
    const a = await findVisibleCustomer({ user, id: first, tx });
    const b = a && (await findVisibleCustomer({ user, id: second, tx }));
    if (!a || !b) throw new UserError(t.common.notFound);
    const [keep, other] = a.id === keepId ? [a, b] : [b, a];
    if (keep.anonymizedAt || other.anonymizedAt) throw new UserError(m.anonymized);
    if (!sameContact(keep, other)) throw new UserError(m.notDuplicates);
    for (const customer of [keep, other]) {
      if (!(await allProcessesVisible(tx, user, customer.id))) throw new UserError(m.servedElsewhere);
    }

    await tx.update(processes).set({ customerId: keep.id }).where(eq(processes.customerId, other.id));
    await tx.update(consentRecords).set({ customerId: keep.id }).where(eq(consentRecords.customerId, other.id));
    await tx.update(leadSubmissions).set({ customerId: keep.id }).where(eq(leadSubmissions.customerId, other.id));
    await tx.update(auditEvents).set({ customerId: keep.id }).where(eq(auditEvents.customerId, other.id));
    const filled = {
      ...(!keep.firstName && other.firstName ? { firstName: other.firstName } : {}),
      ...(!keep.lastName && other.lastName ? { lastName: other.lastName } : {}),
      ...(!keep.phone && other.phone ? { phone: other.phone } : {}),
      ...(!keep.email && other.email ? { email: other.email } : {}),
    };
    if (Object.keys(filled).length) await tx.update(customers).set(filled).where(eq(customers.id, keep.id));
    const mergedName = customerName(other) || t.common.none;
    const theirs = await tx
      .select({ id: processes.id })
      .from(processes)
      .where(eq(processes.customerId, keep.id))
      .orderBy(asc(processes.id));
    await recordProcessEvents(
      tx,
      theirs.map((process) => ({
        processId: process.id,
        userId: user.id,
        kind: "merged" as const,
        from: `${mergedName} (#${other.id})`,
        to: String(keep.id),
      })),
      now,
    );
    await tx.delete(customers).where(and(eq(customers.id, other.id), ne(customers.id, keep.id)));
    return { kept: { ...keep, ...filled }, mergedName };
  });
}
