/**
 * Next calls this once when the server starts: the database is opened (npm start's preparation has
 * migrated it and closed its own connection; a database that cannot be opened shows at once, not at the
 * first request), requests get their client's address stamped (lib/http/client-address.ts), and the
 * background loop (reminders, e-mail, expiry of old events) runs inside the server itself.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb } = await import("./db/client");
  getDb();
  const { stampSocketAddresses } = await import("./lib/http/client-address");
  stampSocketAddresses();
  const { startBackgroundWork } = await import("./lib/notifications/worker");
  startBackgroundWork();
}
