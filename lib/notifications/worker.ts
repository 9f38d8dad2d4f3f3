import "server-only";
import { tryAdvisoryLock } from "@/db/client";
import { expireAuditEvents } from "@/lib/audit/expiry";
import { config } from "@/lib/config";
import { sendPendingEmails } from "@/lib/mail/mailer";
import { produceReminders } from "./reminders";

const globalForWorker = globalThis as unknown as {
  salonWorker?: NodeJS.Timeout;
  salonMailPass?: Promise<void>;
  salonAuditExpiredAt?: number;
};

/** Old events of "Dziennik zdarzeń" go at most once an hour: a day's worth at a time, never urgent. */
const AUDIT_EXPIRY_EVERY_MS = 60 * 60_000;

/**
 * Each job runs under a lock of its own that the database holds for whichever server took it: several
 * servers on one PostgreSQL database poll alike, and the others skip the job while one runs it. The
 * reminders' claim on `reminded_at` keeps them once even without it; the e-mails rely on it (a copy is
 * marked only after the mail server accepted it, so two servers' passes would both send it).
 */
export const BACKGROUND_LOCKS = {
  reminders: "salon-crm reminders",
  mail: "salon-crm mail",
  auditExpiry: "salon-crm audit expiry",
} as const;

/**
 * One round of background work: the reminders, the expiry of old events (hourly), then a pass over the
 * e-mail copies that runs on its own, so a slow mail server never holds up the next round's reminders.
 * Never throws.
 */
export async function runBackgroundPass(now = new Date()): Promise<void> {
  try {
    await tryAdvisoryLock(BACKGROUND_LOCKS.reminders, () => produceReminders({ now }));
  } catch (error) {
    console.error("[reminders]", error);
  }
  const lastExpiry = globalForWorker.salonAuditExpiredAt;
  if (lastExpiry === undefined || now.getTime() - lastExpiry >= AUDIT_EXPIRY_EVERY_MS) {
    globalForWorker.salonAuditExpiredAt = now.getTime();
    try {
      await tryAdvisoryLock(BACKGROUND_LOCKS.auditExpiry, () => expireAuditEvents({ now }));
    } catch (error) {
      console.error("[audit]", error);
    }
  }
  void sendEmailsInBackground({ now });
}

/** Starts a pass over the pending e-mails unless one still runs; resolves when that pass ends. Never throws. */
export function sendEmailsInBackground({ now }: { now?: Date } = {}): Promise<void> {
  globalForWorker.salonMailPass ??= tryAdvisoryLock(BACKGROUND_LOCKS.mail, () => sendPendingEmails({ now }))
    .then(
      () => undefined,
      (error) => console.error("[mail]", error),
    )
    .finally(() => {
      globalForWorker.salonMailPass = undefined;
    });
  return globalForWorker.salonMailPass;
}

/** Starts the server's own scheduler (once per process): every REMINDER_POLL_MS, default 30 s. */
export function startBackgroundWork(): void {
  if (globalForWorker.salonWorker) return;
  const interval = config.reminderPollMs;
  let running = false;
  const tick = async () => {
    if (running) return; // a long reminder pass never overlaps the next
    running = true;
    try {
      await runBackgroundPass();
    } finally {
      running = false;
    }
  };
  globalForWorker.salonWorker = setInterval(() => void tick(), interval);
  globalForWorker.salonWorker.unref();
  console.log(`[reminders] co ${interval} ms; e-mail ${config.smtpUrl ? "włączony" : "wyłączony (brak SMTP_URL)"}`);
}
