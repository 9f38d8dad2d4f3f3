import "server-only";
import { tryAdvisoryLock } from "@/db/client";
import { removeExpiredSignInState } from "@/lib/auth/housekeeping";
import { expireAuditEvents } from "@/lib/audit/expiry";
import { config } from "@/lib/config";
import { expireLeadLog, reportMissedFirstContacts } from "@/lib/leads/first-contact";
import { readLeadsMailbox } from "@/lib/leads/mailbox";
import { removeAbandonedImports } from "@/lib/import/cleanup";
import { resumeInterruptedImports } from "@/lib/import/run";
import { sendPendingEmails } from "@/lib/mail/mailer";
import { produceReminders } from "./reminders";

const globalForWorker = globalThis as unknown as {
  salonWorker?: NodeJS.Timeout;
  salonMailPass?: Promise<void>;
  salonAuditExpiredAt?: number;
  salonMailboxReadAt?: number;
};

/** Old events of "Dziennik zdarzeń" go at most once an hour: a day's worth at a time, never urgent. */
const AUDIT_EXPIRY_EVERY_MS = 60 * 60_000;

/**
 * Each job runs under a lock of its own that the database holds for whichever server took it: several
 * servers on one PostgreSQL database poll alike, and the others skip the job while one runs it. The
 * reminders' and first contacts' claims (`reminded_at`, `first_contact_missed_at`) keep them once even
 * without it; the e-mails rely on it (a copy is marked only after the mail server accepted it, so two
 * servers' passes would both send it), and so does the leads mailbox (one reader at a time; the lead's
 * identity still keeps a message from becoming two leads). An import's run holds a lock of its own
 * (lib/import/run.ts). Removing expired sign-in state is one DELETE, harmless twice.
 */
export const BACKGROUND_LOCKS = {
  reminders: "salon-crm reminders",
  firstContacts: "salon-crm first contacts",
  mail: "salon-crm mail",
  auditExpiry: "salon-crm audit expiry",
  leadsMailbox: "salon-crm leads mailbox",
  importCleanup: "salon-crm import cleanup",
} as const;

/**
 * One round of background work: the reminders, the leads whose first contact is late, the expiry of old
 * events and lead log entries and the removal of imports abandoned at their preview (hourly), then the leads mailbox (every LEADS_IMAP_POLL_MS) and a pass over
 * the e-mail copies, which run on their own, so a slow server never holds up the next round's reminders,
 * and away with expired sign-in state.
 * Never throws.
 */
export async function runBackgroundPass(now = new Date()): Promise<void> {
  try {
    await tryAdvisoryLock(BACKGROUND_LOCKS.reminders, () => produceReminders({ now }));
  } catch (error) {
    console.error("[reminders]", error);
  }
  try {
    await tryAdvisoryLock(BACKGROUND_LOCKS.firstContacts, () => reportMissedFirstContacts({ now }));
  } catch (error) {
    console.error("[leads]", error);
  }
  const lastExpiry = globalForWorker.salonAuditExpiredAt;
  if (lastExpiry === undefined || now.getTime() - lastExpiry >= AUDIT_EXPIRY_EVERY_MS) {
    globalForWorker.salonAuditExpiredAt = now.getTime();
    try {
      await tryAdvisoryLock(BACKGROUND_LOCKS.auditExpiry, async () => {
        await expireAuditEvents({ now });
        await expireLeadLog({ now });
      });
    } catch (error) {
      console.error("[audit]", error);
    }
    try {
      await tryAdvisoryLock(BACKGROUND_LOCKS.importCleanup, () => removeAbandonedImports(now));
    } catch (error) {
      console.error("[import]", error);
    }
  }
  try {
    await resumeInterruptedImports(now);
  } catch (error) {
    console.error("[import]", error);
  }
  const lastRead = globalForWorker.salonMailboxReadAt;
  if (config.leadsImapUrl && (lastRead === undefined || now.getTime() - lastRead >= config.leadsImapPollMs)) {
    globalForWorker.salonMailboxReadAt = now.getTime();
    void tryAdvisoryLock(BACKGROUND_LOCKS.leadsMailbox, () => readLeadsMailbox()).catch((error) =>
      console.error("[leads mailbox]", error),
    );
  }
  void sendEmailsInBackground({ now });
  try {
    await removeExpiredSignInState(now);
  } catch (error) {
    console.error("[auth]", error);
  }
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
