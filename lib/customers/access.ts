import "server-only";
import { and, eq, exists, sql } from "drizzle-orm";
import { forUpdate, getDb, type Executor } from "@/db/client";
import { customers, processes, type Customer } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { visibleTo } from "@/lib/processes/access";

/**
 * The customer, if this user may see them: through a process they may see (a manager or admin: any
 * customer). Undefined means "not found". Inside a transaction pass its `tx`: the row stays locked until it
 * commits.
 */
export async function findVisibleCustomer({
  user,
  id,
  tx,
}: {
  user: Viewer;
  id: number;
  tx?: Executor;
}): Promise<Customer | undefined> {
  const db = tx ?? getDb();
  const visible = visibleTo(user);
  const where = visible
    ? and(
        eq(customers.id, id),
        exists(
          db
            .select({ one: sql`1` })
            .from(processes)
            .where(and(eq(processes.customerId, customers.id), visible)),
        ),
      )
    : eq(customers.id, id);
  const query = db.select().from(customers).where(where);
  const [customer] = tx ? await forUpdate(query) : await query;
  return customer;
}
