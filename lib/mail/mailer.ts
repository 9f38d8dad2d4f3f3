import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import nodemailer from "nodemailer";
import { getDb, transaction } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";

/** Notifications older than this are not e-mailed any more (marked as given up): no flood after an outage. */
export const EMAIL_GIVE_UP_MS = 24 * 60 * 60 * 1000;
const BATCH = 50;

type Transport = ReturnType<typeof nodemailer.createTransport>;
const globalForMail = globalThis as unknown as { salonMailer?: { url: string; transport: Transport } };

function transportFor(url: string): Transport {
  if (globalForMail.salonMailer?.url !== url) {
    globalForMail.salonMailer?.transport.close();
    globalForMail.salonMailer = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.salonMailer.transport;
}

/** Closes the pooled SMTP connection (tests, shutdown). */
export function closeMailer(): void {
  globalForMail.salonMailer?.transport.close();
  globalForMail.salonMailer = undefined;
}

/**
 * Sends the e-mail copy of every notification not yet e-mailed, then marks it. Without SMTP_URL nothing
 * is sent and nothing is marked. A failed send is logged and left for the next pass.
 */
export async function sendPendingEmails({
  smtpUrl = config.smtpUrl,
  now = new Date(),
}: { smtpUrl?: string; now?: Date } = {}): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  if (!smtpUrl) return result;
  const pending = await getDb()
    .select({ notification: notifications, email: users.email, active: users.active })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(isNull(notifications.emailedAt))
    .orderBy(asc(notifications.id))
    .limit(BATCH);
  const mark = (id: number) =>
    transaction(async (tx) => {
      await tx
        .update(notifications)
        .set({ emailedAt: new Date() })
        .where(and(eq(notifications.id, id), isNull(notifications.emailedAt)));
    });

  for (const { notification, email, active } of pending) {
    if (!active || now.getTime() - notification.createdAt.getTime() > EMAIL_GIVE_UP_MS) {
      await mark(notification.id);
      continue;
    }
    const link = notification.processId ? `${config.publicUrl}/procesy/${notification.processId}` : null;
    try {
      await transportFor(smtpUrl).sendMail({
        from: config.mailFrom,
        to: email,
        subject: t.notifications.email.subject(t.notifications.kinds[notification.kind]),
        text: t.notifications.email.body(notification.message, link),
      });
      await mark(notification.id);
      result.sent += 1;
    } catch (error) {
      result.failed += 1;
      console.error(
        `[mail] notification ${notification.id} to ${email} not sent, will retry:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  return result;
}
