"use server";

import { revalidatePath } from "next/cache";
import { authedAction, authedActionFor, UserError } from "@/lib/actions/action";
import type { Viewer } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { findVisibleCustomer } from "@/lib/customers/access";
import { anonymizeCustomers } from "@/lib/customers/anonymize";
import { customerFootprint } from "@/lib/customers/queries";
import { retentionCutoff } from "@/lib/customers/retention";
import { anonymizeSchema, retentionSchema } from "@/lib/customers/schema";
import { t } from "@/lib/i18n";

const loadCustomer = ({ user, id }: { user: Viewer; id: number }) => findVisibleCustomer({ user, id });

/** "Anonimizuj klienta": one customer, with a reason and the typed confirmation. Administrators only. */
export const anonymizeCustomerAction = authedActionFor(
  { schema: anonymizeSchema, roles: ["admin"], load: loadCustomer },
  async ({ user, data, resource }) => {
    const result = await anonymizeCustomers({ user, customerIds: [resource.id], reason: data.reason });
    if (!result.anonymized.length) throw new UserError(t.customers.anonymize.already);
    revalidatePath("/procesy");
    const { firstProcessId } = await customerFootprint(resource.id);
    return { redirectTo: firstProcessId ? `/procesy/${firstProcessId}` : "/procesy" };
  },
);

/** "Do anonimizacji": the chosen customers, or everyone listed, once RETENTION_MONTHS has run out for them. */
export const anonymizeRetainedAction = authedAction(
  { schema: retentionSchema, roles: ["admin"], arrays: ["customerIds"] },
  async ({ user, data }) => {
    const months = config.retentionMonths;
    if (!months) throw new UserError(t.customers.retention.off);
    const now = new Date();
    const result = await anonymizeCustomers({
      user,
      customerIds: data.scope === "all" ? "due" : data.customerIds,
      reason: t.customers.retention.reason(months),
      retentionCutoff: retentionCutoff(now, months),
      now,
    });
    revalidatePath("/klienci/do-anonimizacji");
    revalidatePath("/procesy");
    return { status: "ok", message: t.customers.retention.done(result.anonymized.length, result.skipped.length) };
  },
);
