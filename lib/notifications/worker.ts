import "server-only";
import { removeExpiredSignInState } from "@/lib/auth/housekeeping";
import { expireAuditEvents } from "@/lib/audit/expiry";
import { config } from "@/lib/config";
import { expireLeadLog, reportMissedFirstContacts } from "@/lib/leads/first-contact";
import { readLeadsMailbox } from "@/lib/leads/mailbox";
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
 * One round of background work: the reminders, the leads whose first contact is late, the expiry of old
 * events and lead log entries (hourly), then the leads mailbox (every LEADS_IMAP_POLL_MS) and a pass over
 * the e-mail copies, which run on their own, so a slow server never holds up the next round's reminders,
 * and away with expired sign-in state.
 * Never throws.
 */
export async function runBackgroundPass(now = new Date()): Promise<void> {
  try {
    await produceReminders({ now });
  } catch (error) {
    console.error("[reminders]", error);
  }
  try {
    await reportMissedFirstContacts({ now });
  } catch (error) {
    console.error("[leads]", error);
  }
  const lastExpiry = globalForWorker.salonAuditExpiredAt;
  if (lastExpiry === undefined || now.getTime() - lastExpiry >= AUDIT_EXPIRY_EVERY_MS) {
    globalForWorker.salonAuditExpiredAt = now.getTime();
    try {
      await expireAuditEvents({ now });
      await expireLeadLog({ now });
    } catch (error) {
      console.error("[audit]", error);
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
    void readLeadsMailbox().catch((error) => console.error("[leads mailbox]", error));
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
  globalForWorker.salonMailPass ??= sendPendingEmails({ now })
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
