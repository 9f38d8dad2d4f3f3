"use server";

import { z } from "zod";
import { authedActionFor, UserError } from "@/lib/actions/action";
import { findVisibleCustomer } from "@/lib/customers/access";
import { mergeCustomers } from "@/lib/customers/merge";
import { t } from "@/lib/i18n";
import { isId } from "@/lib/validation";

const m = t.customers.merge;

const customerId = (message: string) =>
  z
    .string({ error: message })
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine(isId, message);

const mergeSchema = z.object({
  otherId: customerId(t.common.validation.invalidChoice),
  keep: customerId(m.keepRequired),
});

/**
 * "Połącz" of a pair in "Duplikaty": the bound customer and `otherId`; `keep` names the one that stays.
 * `mergeCustomers` re-reads both through the visibility rule in its transaction and refuses the rest.
 */
export const mergeCustomersAction = authedActionFor(
  {
    roles: ["manager", "admin"],
    schema: mergeSchema,
    load: ({ user, id }) => findVisibleCustomer({ user, id }),
  },
  async ({ user, data, resource }) => {
    if (data.keep !== resource.id && data.keep !== data.otherId)
      throw new UserError(t.common.formHasErrors, { keep: [m.keepInvalid] });
    const mergeId = data.keep === resource.id ? data.otherId : resource.id;
    const { kept } = await mergeCustomers({ user, keepId: data.keep, mergeId });
    return { redirectTo: `/procesy/duplikaty?polaczono=${kept.id}` };
  },
);
