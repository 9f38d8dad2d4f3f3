import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { users } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { SessionUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";

export type Admin = Pick<SessionUser, "id" | "role">;

/**
 * Managing users, showrooms and the dealership's data is an active administrator's: checked inside the
 * change's transaction, whoever calls. Kept apart from lib/users/mutations.ts, so that modules that only
 * check an administrator (the lead sources, the consent texts) do not bring the user mutations' own
 * (passwords, sessions, two-factor) into the lead API's route (pages/api/leads.ts).
 */
export async function assertAdmin(tx: Executor, actor: Admin): Promise<void> {
  const [current] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.role, "admin"), eq(users.active, true)));
  if (!current) throw new UserError(t.common.notAllowed);
}
