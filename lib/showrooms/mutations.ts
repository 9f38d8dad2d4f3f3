import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { forUpdate, lockUntilCommit, transaction, type Executor } from "@/db/client";
import { showrooms, type Showroom } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { t } from "@/lib/i18n";
import { assertAdmin, type Admin } from "@/lib/users/admin";
import type { ShowroomInput } from "./schema";

const s = t.showrooms;

/**
 * Names are unique regardless of letter case ("Salon Centrum" and "salon centrum" are one), which no index
 * states: names are given one at a time, so two saves at once on PostgreSQL cannot both find theirs free.
 */
async function nameTaken(tx: Executor, name: string, exceptId?: number): Promise<boolean> {
  await lockUntilCommit(tx, "showroom names");
  const found = await tx
    .select({ id: showrooms.id })
    .from(showrooms)
    .where(
      and(sql`lower(${showrooms.name}) = ${name.toLowerCase()}`, exceptId ? ne(showrooms.id, exceptId) : undefined),
    );
  return found.length > 0;
}

const fieldsOf = (input: ShowroomInput) => ({
  name: input.name,
  address: input.address ?? "",
  phone: input.phone ?? null,
  opensAt: input.opensAt,
  closesAt: input.closesAt,
});

async function getShowroomOrFail(tx: Executor, id: number): Promise<Showroom> {
  const [showroom] = await tx.select().from(showrooms).where(eq(showrooms.id, id));
  if (!showroom) throw new UserError(s.notFound);
  return showroom;
}

export function createShowroom({ actor, input }: { actor: Admin; input: ShowroomInput }): Promise<Showroom> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    if (await nameTaken(tx, input.name)) throw new UserError(t.common.formHasErrors, { name: [s.nameTaken] });
    const [showroom] = await tx
      .insert(showrooms)
      .values({ ...fieldsOf(input) })
      .returning();
    return showroom;
  });
}

/** Renames a showroom and changes its address, phone and working day (bookings made already keep their hours). */
export function updateShowroom({
  actor,
  id,
  input,
}: {
  actor: Admin;
  id: number;
  input: ShowroomInput;
}): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    await getShowroomOrFail(tx, id);
    if (await nameTaken(tx, input.name, id)) throw new UserError(t.common.formHasErrors, { name: [s.nameTaken] });
    await tx.update(showrooms).set(fieldsOf(input)).where(eq(showrooms.id, id));
  });
}

/** A deactivated showroom takes no new processes; its processes and people stay. One stays active always. */
export function setShowroomActive({ actor, id, active }: { actor: Admin; id: number; active: boolean }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const showroom = await getShowroomOrFail(tx, id);
    if (!active && showroom.active) {
      // The active showrooms stay locked until this commits: two deactivating the last two at once on
      // PostgreSQL cannot both see the other one still active.
      const activeOnes = await forUpdate(
        tx.select({ id: showrooms.id }).from(showrooms).where(eq(showrooms.active, true)).orderBy(showrooms.id),
      );
      if (!activeOnes.some((other) => other.id !== id)) throw new UserError(s.lastActive);
    }
    await tx.update(showrooms).set({ active }).where(eq(showrooms.id, id));
  });
}
