/**
 * Next calls this once when the server starts: requests get their socket's address (for the sign-in
 * throttle), and the reminder and e-mail loop runs inside the server itself.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installSocketAddressHeader } = await import("./lib/http/client-address");
  installSocketAddressHeader();
  const { startBackgroundWork } = await import("./lib/notifications/worker");
  startBackgroundWork();
}
