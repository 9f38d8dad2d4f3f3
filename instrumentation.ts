/**
 * Next calls this once when the server starts: the database is opened (npm start's preparation has
 * migrated it and closed its own connection; a database that cannot be opened shows at once, not at the
 * first request), requests get their client's address and a page's security headers stamped as they
 * arrive (lib/http/request-stamp.ts), and the background loop (reminders, e-mail, expiry of old events)
 * runs inside the server itself.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDb } = await import("./db/client");
  getDb();
  const { stampRequests } = await import("./lib/http/request-stamp");
  stampRequests();
  const { startBackgroundWork } = await import("./lib/notifications/worker");
  startBackgroundWork();
}
