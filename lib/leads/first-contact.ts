import "server-only";
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { customers, leadSubmissions, processes, tasks, users } from "@/db/schema";
import { customerName } from "@/lib/customers/name";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { activeManagersOf } from "@/lib/showrooms/queries";
import { LOG_DAYS } from "./sources";

/**
 * A new lead's "Kontakt telefoniczny" still planned past its time: the managers of the process's showroom
 * hear of it, once (the conditional update marks the lead first; two servers never both notify).
 */
export async function reportMissedFirstContacts({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const missed = await getDb()
    .select({
      id: leadSubmissions.id,
      processId: processes.id,
      showroomId: processes.showroomId,
      ownerName: users.name,
      firstName: customers.firstName,
      lastName: customers.lastName,
    })
    .from(leadSubmissions)
    .innerJoin(tasks, eq(tasks.id, leadSubmissions.taskId))
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, processes.ownerId))
    .where(
      and(
        eq(leadSubmissions.result, "created"),
        isNull(leadSubmissions.firstContactMissedAt),
        eq(tasks.state, "planned"),
        lt(tasks.dueAt, now),
      ),
    )
    .limit(200);
  let reported = 0;
  for (const lead of missed) {
    await transaction(async (tx) => {
      const [marked] = await tx
        .update(leadSubmissions)
        .set({ firstContactMissedAt: now })
        .where(and(eq(leadSubmissions.id, lead.id), isNull(leadSubmissions.firstContactMissedAt)))
        .returning({ id: leadSubmissions.id });
      if (!marked) return;
      reported++;
      const name = customerName(lead) || t.leads.unnamed;
      for (const manager of await activeManagersOf({ showroomId: lead.showroomId, db: tx })) {
        await notify(tx, {
          userId: manager.id,
          kind: "first_contact_missed",
          processId: lead.processId,
          message: t.leads.firstContactMissed(lead.ownerName, name),
          at: now,
        });
      }
    });
  }
  return reported;
}

/** Refusals and repeats leave the log after 30 days; the leads themselves stay (statistics, idempotency). */
export async function expireLeadLog({ now = new Date() }: { now?: Date } = {}): Promise<void> {
  await transaction((tx) =>
    tx
      .delete(leadSubmissions)
      .where(
        and(
          inArray(leadSubmissions.result, ["rejected", "repeat"]),
          lt(leadSubmissions.receivedAt, new Date(now.getTime() - LOG_DAYS * 86_400_000)),
        ),
      )
      .returning({ id: leadSubmissions.id }),
  );
}
