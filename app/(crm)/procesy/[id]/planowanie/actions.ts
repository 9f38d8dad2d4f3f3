"use server";

import { revalidatePath } from "next/cache";
import { authedActionFor } from "@/lib/actions/action";
import { findVisibleProcess } from "@/lib/processes/access";
import { planNextContact } from "@/lib/tasks/mutations";
import { TASK_FORM_ARRAYS, taskFormSchema } from "@/lib/tasks/schema";

/** "Planowanie zadań" of a process (bound: the process id). */
export const planTask = authedActionFor(
  { schema: taskFormSchema, arrays: TASK_FORM_ARRAYS, load: ({ user, id }) => findVisibleProcess({ user, id }) },
  async ({ user, data, resource }) => {
    await planNextContact({ user, processId: resource.id, form: data });
    revalidatePath(`/procesy/${resource.id}`);
    return { redirectTo: `/procesy/${resource.id}` };
  },
);
