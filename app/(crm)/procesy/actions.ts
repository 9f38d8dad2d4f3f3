"use server";

import { revalidatePath } from "next/cache";
import { authedAction, authedActionFor, formValues } from "@/lib/actions/action";
import type { Viewer } from "@/lib/auth/session";
import { formatPhone } from "@/lib/customers/phone";
import { t } from "@/lib/i18n";
import { findVisibleProcess } from "@/lib/processes/access";
import { customerName } from "@/lib/customers/name";
import {
  changeOwner,
  changeShowroom,
  changeStatus,
  createProcess,
  DuplicateCustomerError,
} from "@/lib/processes/mutations";
import { handOverProcesses } from "@/lib/processes/handover";
import {
  changeOwnerSchema,
  changeShowroomSchema,
  changeStatusSchema,
  handOverSchema,
  newProcessSchema,
} from "@/lib/processes/schema";
import { saveConsents } from "@/lib/consents/mutations";
import { consentsFormSchema } from "@/lib/consents/schema";

const loadProcess = ({ user, id }: { user: Viewer; id: number }) => findVisibleProcess({ user, id });

export const createProcessAction = authedAction({ schema: newProcessSchema }, async ({ user, data, formData }) => {
  try {
    const result = await createProcess({ user, input: data });
    if ("servedBy" in result) {
      // Another salesperson's customer: who serves them, and nothing of the customer.
      const message = t.processes.duplicateServed(result.by, result.servedBy);
      return {
        status: "error",
        message,
        fieldErrors: { [result.by]: [message] },
        values: formValues(formData),
        at: Date.now(),
      };
    }
    revalidatePath("/procesy");
    return { redirectTo: `/procesy/${result.created.id}` };
  } catch (error) {
    if (!(error instanceof DuplicateCustomerError)) throw error;
    const { customer } = error;
    // The form offers this customer; the user's choice and the id come back with the next submit.
    return {
      status: "error",
      message: error.message,
      fieldErrors: error.fieldErrors,
      values: {
        ...formValues(formData),
        existingCustomerId: String(customer.id),
        customerChoice: "existing",
        duplicateName: customerName(customer),
        duplicateContact: [customer.phone ? formatPhone(customer.phone) : "", customer.email ?? ""]
          .filter(Boolean)
          .join(", "),
      },
      at: Date.now(),
    };
  }
});

export const changeStatusAction = authedActionFor(
  { schema: changeStatusSchema, load: loadProcess },
  async ({ user, data, resource }) => {
    await changeStatus({ user, processId: resource.id, status: data.status, reason: data.reason });
    revalidatePath(`/procesy/${resource.id}`);
    revalidatePath("/procesy");
    return { status: "ok", message: t.processes.statusChanged };
  },
);

export const changeOwnerAction = authedActionFor(
  { schema: changeOwnerSchema, roles: ["manager", "admin"], load: loadProcess },
  async ({ user, data, resource }) => {
    await changeOwner({ user, processId: resource.id, ownerId: data.ownerId });
    revalidatePath(`/procesy/${resource.id}`);
    revalidatePath("/procesy");
    return { status: "ok", message: t.processes.ownerChanged };
  },
);

export const saveConsentsAction = authedActionFor(
  { schema: consentsFormSchema, load: loadProcess },
  async ({ user, data, resource }) => {
    const written = await saveConsents({ user, processId: resource.id, input: data });
    if (written) revalidatePath(`/procesy/${resource.id}`);
    return { status: "ok", message: written ? t.consents.saved : t.consents.unchanged };
  },
);

export const changeShowroomAction = authedActionFor(
  { schema: changeShowroomSchema, roles: ["manager", "admin"], load: loadProcess },
  async ({ user, data, resource }) => {
    await changeShowroom({ user, processId: resource.id, showroomId: data.showroomId, ownerId: data.ownerId });
    revalidatePath(`/procesy/${resource.id}`);
    revalidatePath("/procesy");
    return { status: "ok", message: t.showrooms.changed };
  },
);

/** "Zmień opiekuna zaznaczonych": the ticked processes, or all matching the filter (re-read on the server). */
export const handOverAction = authedAction(
  { schema: handOverSchema, roles: ["manager", "admin"], arrays: ["processIds"] },
  async ({ user, data }) => {
    const { ownerId, scope, processIds, ...filters } = data;
    const { moved, ownerName } = await handOverProcesses({
      user,
      ownerId,
      selection: scope === "selected" ? { ids: processIds } : { filters: { ...filters, sort: "activity", page: 1 } },
    });
    revalidatePath("/procesy");
    return { status: "ok", message: t.processes.handOver.done(moved, ownerName) };
  },
);
