"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction, authedActionFor } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import { createShowroom, setShowroomActive, updateShowroom } from "@/lib/showrooms/mutations";
import { findShowroom } from "@/lib/showrooms/queries";
import { showroomSchema } from "@/lib/showrooms/schema";
import { checkbox } from "@/lib/validation";

const adminOnly = { roles: ["admin"] as const };
const loadShowroom = ({ id }: { id: number }) => findShowroom(id);

export const addShowroom = authedAction({ ...adminOnly, schema: showroomSchema }, async ({ user, data }) => {
  const showroom = await createShowroom({ actor: user, input: data });
  revalidatePath("/salony");
  return { status: "ok", message: t.showrooms.added(showroom.name) };
});

export const editShowroom = authedActionFor(
  { ...adminOnly, schema: showroomSchema, load: loadShowroom },
  async ({ user, data, resource }) => {
    await updateShowroom({ actor: user, id: resource.id, input: data });
    revalidatePath("/salony");
    return { status: "ok", message: t.showrooms.saved };
  },
);

export const setShowroomActiveAction = authedActionFor(
  { ...adminOnly, schema: z.object({ active: checkbox() }), load: loadShowroom },
  async ({ user, data, resource }) => {
    await setShowroomActive({ actor: user, id: resource.id, active: data.active });
    revalidatePath("/salony");
    return { status: "ok", message: data.active ? t.showrooms.reactivated : t.showrooms.deactivated };
  },
);
