import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { transaction, type Executor } from "@/db/client";
import { showrooms, type Showroom } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { t } from "@/lib/i18n";
import { assertAdmin, type Admin } from "@/lib/users/mutations";
import type { ShowroomInput } from "./schema";

const s = t.showrooms;

/** Names are unique regardless of letter case ("Salon Centrum" and "salon centrum" are one). */
async function nameTaken(tx: Executor, name: string, exceptId?: number): Promise<boolean> {
  const found = await tx
    .select({ id: showrooms.id })
    .from(showrooms)
    .where(
      and(sql`lower(${showrooms.name}) = ${name.toLowerCase()}`, exceptId ? ne(showrooms.id, exceptId) : undefined),
    );
  return found.length > 0;
}

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
      .values({ name: input.name, address: input.address ?? "", phone: input.phone ?? null })
      .returning();
    return showroom;
  });
}

/** Renames a showroom and changes its address and phone. */
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
    await tx
      .update(showrooms)
      .set({ name: input.name, address: input.address ?? "", phone: input.phone ?? null })
      .where(eq(showrooms.id, id));
  });
}

/** A deactivated showroom takes no new processes; its processes and people stay. One stays active always. */
export function setShowroomActive({ actor, id, active }: { actor: Admin; id: number; active: boolean }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const showroom = await getShowroomOrFail(tx, id);
    if (!active && showroom.active) {
      const others = await tx
        .select({ id: showrooms.id })
        .from(showrooms)
        .where(and(eq(showrooms.active, true), ne(showrooms.id, id)));
      if (others.length === 0) throw new UserError(s.lastActive);
    }
    await tx.update(showrooms).set({ active }).where(eq(showrooms.id, id));
  });
}
