"use server";

import { revalidatePath } from "next/cache";
import { authedActionFor } from "@/lib/actions/action";
import { executeTask } from "@/lib/tasks/mutations";
import { findVisibleTask } from "@/lib/tasks/queries";
import { TASK_FORM_ARRAYS, taskFormSchema } from "@/lib/tasks/schema";

/** "Wykonanie zadania" (bound: the task id). */
export const completeTask = authedActionFor(
  { schema: taskFormSchema, arrays: TASK_FORM_ARRAYS, load: ({ user, id }) => findVisibleTask({ user, taskId: id }) },
  async ({ user, data, resource }) => {
    await executeTask({ user, taskId: resource.task.id, form: data });
    revalidatePath(`/procesy/${resource.process.id}`);
    return { redirectTo: `/procesy/${resource.process.id}` };
  },
);
