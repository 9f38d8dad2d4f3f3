import "server-only";
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport";
import { getDb, transaction } from "@/db/client";
import { notifications, users } from "@/db/schema";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { notificationPath } from "@/lib/notifications/notify";

/** Notifications older than this are not e-mailed any more (marked as given up): no flood after an outage. */
export const EMAIL_GIVE_UP_MS = 24 * 60 * 60 * 1000;
const BATCH = 50;

/** How long a message waits after its `attempts`-th failure: a minute, doubling up to an hour. */
export function emailRetryDelayMs(attempts: number): number {
  return Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

type Transport = ReturnType<typeof nodemailer.createTransport>;
const globalForMail = globalThis as unknown as { salonMailer?: { key: string; transport: Transport } };

function transportFor(url: string, timeoutMs: number): Transport {
  const key = `${timeoutMs} ${url}`;
  if (globalForMail.salonMailer?.key !== key) {
    globalForMail.salonMailer?.transport.close();
    // nodemailer waits minutes by default for a server that accepts and then says nothing.
    const transport = new SMTPTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
    globalForMail.salonMailer = { key, transport: nodemailer.createTransport(transport) };
  }
  return globalForMail.salonMailer.transport;
}

/** Closes the pooled SMTP connection (tests, shutdown). */
export function closeMailer(): void {
  globalForMail.salonMailer?.transport.close();
  globalForMail.salonMailer = undefined;
}

/** The server answered and refused this message (an SMTP reply code), as opposed to not answering at all. */
function refusedByServer(error: unknown): boolean {
  return typeof (error as { responseCode?: unknown })?.responseCode === "number";
}

/**
 * Sends the e-mail copies that are due, the earliest due first, and marks them. A refused message is
 * retried later (emailRetryDelayMs) while the others go on; a server that does not answer ends the pass
 * after one timeout, and the rest wait for the next pass. Without SMTP_URL nothing is sent or marked.
 */
export async function sendPendingEmails({
  smtpUrl = config.smtpUrl,
  now = new Date(),
  timeoutMs = config.smtpTimeoutMs,
}: { smtpUrl?: string; now?: Date; timeoutMs?: number } = {}): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  if (!smtpUrl) return result;
  const pending = await getDb()
    .select({ notification: notifications, email: users.email, active: users.active })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        isNull(notifications.emailedAt),
        or(isNull(notifications.emailNextAttemptAt), lte(notifications.emailNextAttemptAt, now)),
      ),
    )
    .orderBy(sql`coalesce(${notifications.emailNextAttemptAt}, ${notifications.createdAt})`, asc(notifications.id))
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
    const path = notificationPath(notification);
    const link = path ? `${config.publicUrl}${path}` : null;
    try {
      await transportFor(smtpUrl, timeoutMs).sendMail({
        from: config.mailFrom,
        to: email,
        subject: t.notifications.email.subject(t.notifications.kinds[notification.kind]),
        text: t.notifications.email.body(notification.message, link),
      });
    } catch (error) {
      result.failed += 1;
      const attempts = notification.emailAttempts + 1;
      const next = new Date(now.getTime() + emailRetryDelayMs(attempts));
      await transaction((tx) =>
        tx
          .update(notifications)
          .set({ emailAttempts: attempts, emailNextAttemptAt: next })
          .where(and(eq(notifications.id, notification.id), isNull(notifications.emailedAt))),
      );
      console.error(
        `[mail] notification ${notification.id} to ${email} not sent (attempt ${attempts}), next at ${next.toISOString()}:`,
        error instanceof Error ? error.message : error,
      );
      if (!refusedByServer(error)) break;
      continue;
    }
    // Marked once sent (outside the try: a failure to mark is not a failed send to retry).
    await mark(notification.id);
    result.sent += 1;
  }
  return result;
}
