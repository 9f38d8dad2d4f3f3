"use server";

import { revalidatePath } from "next/cache";
import { authedActionFor } from "@/lib/actions/action";
import { findVisibleProcess } from "@/lib/processes/access";
import { executeTask, planNextContact } from "@/lib/tasks/mutations";
import { findVisibleTask } from "@/lib/tasks/queries";
import { TASK_FORM_ARRAYS, taskFormSchema } from "@/lib/tasks/schema";

const form = { schema: taskFormSchema, arrays: TASK_FORM_ARRAYS };

/** "Planowanie zadań" of a process (bound: the process id). */
export const planTask = authedActionFor({ ...form, load: ({ user, id }) => findVisibleProcess({ user, id }) }, ({ user, data, resource }) => {
  planNextContact({ user, process: resource, form: data });
  revalidatePath(`/procesy/${resource.id}`);
  return { redirectTo: `/procesy/${resource.id}` };
});

/** "Wykonanie zadania" (bound: the task id). */
export const completeTask = authedActionFor({ ...form, load: ({ user, id }) => findVisibleTask({ user, taskId: id }) }, ({ user, data, resource }) => {
  executeTask({ user, taskId: resource.task.id, form: data });
  revalidatePath(`/procesy/${resource.process.id}`);
  return { redirectTo: `/procesy/${resource.process.id}` };
});
