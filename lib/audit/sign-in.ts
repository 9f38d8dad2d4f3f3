import "server-only";
import type { Executor } from "@/db/client";
import type { User } from "@/db/schema";
import { recordEvent } from "./record";

/**
 * A sign-in attempt in "Dziennik zdarzeń", inside the transaction that counts it: a success, or a failure
 * with why (to the administrator only: the form says the same for every failure). The user is the
 * account the e-mail names, if there is one.
 */
export function recordSignIn(
  tx: Executor,
  {
    email,
    user,
    result,
    address,
    at,
  }: {
    email: string;
    user: Pick<User, "id" | "active"> | undefined;
    result: { ok: true } | { ok: false; reason: "invalid" | "locked" };
    address?: string | null;
    at?: Date;
  },
): Promise<void> {
  const reason = result.ok
    ? null
    : result.reason === "locked"
      ? "locked"
      : user && !user.active
        ? "inactive"
        : "invalid";
  return recordEvent(tx, {
    kind: result.ok ? "sign_in" : "sign_in_failed",
    userId: user?.id ?? null,
    details: reason ? { email: email.slice(0, 254), reason } : { email: email.slice(0, 254) },
    address,
    at,
  });
}
