import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { backupCodes, users } from "@/db/schema";

export type TwoFactorState = "off" | "pending" | "on";

/** What "Moje konto" shows of the user's two-step sign-in. */
export async function twoFactorOverview(userId: number): Promise<{
  state: TwoFactorState;
  /** The secret to scan while a setup waits for its code. */
  pendingSecret: string | null;
  remainingBackupCodes: number;
}> {
  const db = getDb();
  const [user] = await db
    .select({ totpSecret: users.totpSecret, totpPendingSecret: users.totpPendingSecret })
    .from(users)
    .where(eq(users.id, userId));
  const [{ remaining }] = await db
    .select({ remaining: count() })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
  const state: TwoFactorState = user?.totpSecret ? "on" : user?.totpPendingSecret ? "pending" : "off";
  return {
    state,
    pendingSecret: state === "pending" ? user!.totpPendingSecret : null,
    remainingBackupCodes: remaining,
  };
}
