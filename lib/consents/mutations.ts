import "server-only";
import { eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { customers } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { Viewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { findVisibleProcess } from "@/lib/processes/access";
import { recordConsents } from "./record";
import type { ConsentsFormInput } from "./schema";

/**
 * "Zapisz zgody" in a process's panel: the customer's consents as the form states them, recorded by this
 * user. The process is re-read through the user's visibility inside the transaction. Returns how many
 * records were written (0: nothing changed, nothing written).
 */
export function saveConsents({
  user,
  processId,
  input,
  now = new Date(),
}: {
  user: Viewer;
  processId: number;
  input: ConsentsFormInput;
  now?: Date;
}): Promise<number> {
  return transaction(async (tx) => {
    const process = await findVisibleProcess({ user, id: processId, tx });
    if (!process) throw new UserError(t.common.notFound);
    const [customer] = await tx
      .select({ anonymizedAt: customers.anonymizedAt })
      .from(customers)
      .where(eq(customers.id, process.customerId));
    if (customer?.anonymizedAt) throw new UserError(t.customers.anonymize.already);
    const written = await recordConsents(tx, {
      customerId: process.customerId,
      channels: input.channels,
      source: input.source,
      by: user.id,
      at: now,
    });
    return written.length;
  });
}
