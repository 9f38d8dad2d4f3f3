"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedActionFor } from "@/lib/actions/action";
import type { Viewer } from "@/lib/auth/session";
import { dropTask, moveTask } from "@/lib/tasks/changes";
import { findVisibleTask } from "@/lib/tasks/queries";
import { taskTimeSchema } from "@/lib/tasks/schema";

/** The task among what the user may see (its process's visibility); who may change it is the mutation's rule. */
const load = ({ user, id }: { user: Viewer; id: number }) => findVisibleTask({ user, taskId: id });

/** "Zmień termin" (bound: the task id). */
export const moveTaskAction = authedActionFor({ schema: taskTimeSchema, load }, async ({ user, data, resource }) => {
  await moveTask({ user, taskId: resource.task.id, time: data });
  revalidatePath(`/procesy/${resource.process.id}`);
  return { redirectTo: `/procesy/${resource.process.id}` };
});

/** "Usuń zadanie" (bound: the task id). */
export const dropTaskAction = authedActionFor({ schema: z.object({}), load }, async ({ user, resource }) => {
  await dropTask({ user, taskId: resource.task.id });
  revalidatePath(`/procesy/${resource.process.id}`);
  return { redirectTo: `/procesy/${resource.process.id}` };
});
