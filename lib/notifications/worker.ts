import "server-only";
import { config } from "@/lib/config";
import { sendPendingEmails } from "@/lib/mail/mailer";
import { produceReminders } from "./reminders";

const globalForWorker = globalThis as unknown as { salonWorker?: NodeJS.Timeout };

/** One round of background work: reminders, then e-mail copies. Never throws. */
export async function runBackgroundPass(now = new Date()): Promise<void> {
  try {
    await produceReminders({ now });
  } catch (error) {
    console.error("[reminders]", error);
  }
  try {
    await sendPendingEmails({ now });
  } catch (error) {
    console.error("[mail]", error);
  }
}

/** Starts the server's own scheduler (once per process): every REMINDER_POLL_MS, default 30 s. */
export function startBackgroundWork(): void {
  if (globalForWorker.salonWorker) return;
  const interval = config.reminderPollMs;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow mail server never makes passes overlap
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
