"use server";

import { revalidatePath } from "next/cache";
import { authedAction, authedActionFor } from "@/lib/actions/action";
import { addOutage, createCar, removeOutage, updateCar } from "@/lib/fleet/mutations";
import { findVisibleCar, findVisibleOutage } from "@/lib/fleet/queries";
import { carSchema, outageSchema } from "@/lib/fleet/schema";
import { t } from "@/lib/i18n";
import { noInputSchema } from "@/lib/validation";

const editors = { roles: ["manager", "admin"] as const };

export const addCar = authedAction({ ...editors, schema: carSchema }, async ({ user, data }) => {
  const car = await createCar({ actor: user, input: data });
  revalidatePath("/flota");
  return { status: "ok", message: t.fleet.added(`${car.make} ${car.model} (${car.registration})`) };
});

/** Bound: the car's id. */
export const editCar = authedActionFor(
  { ...editors, schema: carSchema, load: ({ user, id }) => findVisibleCar({ viewer: user, id }) },
  async ({ user, data, resource }) => {
    await updateCar({ actor: user, id: resource.id, input: data });
    revalidatePath("/flota");
    return { status: "ok", message: t.fleet.saved };
  },
);

/** Bound: the car's id. */
export const addCarOutage = authedActionFor(
  { ...editors, schema: outageSchema, load: ({ user, id }) => findVisibleCar({ viewer: user, id }) },
  async ({ user, data, resource }) => {
    await addOutage({ actor: user, carId: resource.id, input: data });
    revalidatePath("/flota");
    return { status: "ok", message: t.fleet.outageAdded };
  },
);

/** Bound: the period's id. */
export const removeCarOutage = authedActionFor(
  { ...editors, schema: noInputSchema, load: ({ user, id }) => findVisibleOutage({ viewer: user, id }) },
  async ({ user, resource }) => {
    await removeOutage({ actor: user, id: resource.id });
    revalidatePath("/flota");
    return { status: "ok", message: t.fleet.outageRemoved };
  },
);
