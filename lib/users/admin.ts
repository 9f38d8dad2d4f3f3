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
 * change's transaction, whoever calls. (Apart from lib/users/mutations.ts, whose modules the lead API's
 * route, which reads a source's settings, does not load.)
 */
export async function assertAdmin(tx: Executor, actor: Admin): Promise<void> {
  const [current] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.role, "admin"), eq(users.active, true)));
  if (!current) throw new UserError(t.common.notAllowed);
}
