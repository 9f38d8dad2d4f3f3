import "server-only";
import { transaction } from "@/db/client";
import { removeExpiredSessions } from "./sessions";
import { removeExpiredFailures } from "./throttle";

/** Expired sessions and failure counters whose window is over: nothing reads them any more. */
export function removeExpiredSignInState(now = new Date()): Promise<{ sessions: number; failures: number }> {
  return transaction(async (tx) => ({
    sessions: await removeExpiredSessions(tx, now),
    failures: await removeExpiredFailures(tx, now),
  }));
}
