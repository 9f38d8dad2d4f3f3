import "server-only";
import crypto from "node:crypto";
import { and, asc, eq, gte } from "drizzle-orm";
import ical, { ICalCalendarMethod } from "ical-generator";
import { getDb, transaction } from "@/db/client";
import { customers, processes, tasks, users } from "@/db/schema";
import { config } from "@/lib/config";
import type { Role } from "@/lib/domain";
import { viewScope, visibleProcesses } from "@/lib/processes/access";
import { t } from "@/lib/i18n";
import { addDays, dayjs, startOfLocalDay } from "@/lib/time";
import { vtimezone } from "./vtimezone";
import { customerName, vehicleName } from "@/lib/customers/name";

/** How far back the feed reaches: recent past tasks stay visible in the phone's calendar. */
export const FEED_DAYS_BACK = 30;

export function hashFeedSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** Creates (or replaces) the user's feed secret; only its hash is stored. Returns the secret, once. */
export async function createFeedSecret({ userId }: { userId: number }): Promise<string> {
  const secret = crypto.randomBytes(32).toString("base64url");
  await transaction(async (tx) => {
    await tx
      .update(users)
      .set({ calendarFeedHash: hashFeedSecret(secret) })
      .where(eq(users.id, userId));
  });
  return secret;
}

export function revokeFeedSecret({ userId }: { userId: number }): Promise<void> {
  return transaction(async (tx) => {
    await tx.update(users).set({ calendarFeedHash: null }).where(eq(users.id, userId));
  });
}

export async function hasFeedSecret({ userId }: { userId: number }): Promise<boolean> {
  const [user] = await getDb().select({ hash: users.calendarFeedHash }).from(users).where(eq(users.id, userId));
  return Boolean(user?.hash);
}

export function feedUrl(secret: string): string {
  return `${config.publicUrl}/api/calendar/${secret}.ics`;
}

/** The active user a feed secret belongs to, or undefined (unknown, revoked, or a deactivated user). */
export async function findFeedOwner({ secret }: { secret: string }) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return undefined;
  const [owner] = await getDb()
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.calendarFeedHash, hashFeedSecret(secret)), eq(users.active, true)));
  return owner;
}

/** The user's planned tasks from FEED_DAYS_BACK days ago on, as an RFC 5545 calendar. */
export async function buildFeed({
  user,
  now = new Date(),
}: {
  user: { id: number; name: string; role: Role };
  now?: Date;
}): Promise<string> {
  const zone = config.timeZone;
  const since = new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000);
  const rows = await getDb()
    .select({ task: tasks, customer: customers, process: processes })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    // The user's own tasks (open tasks follow the owner), on processes they may see like anywhere else.
    .where(
      and(
        eq(tasks.assigneeId, user.id),
        eq(tasks.state, "planned"),
        gte(tasks.dueAt, since),
        visibleProcesses(viewScope(user), user.id),
      ),
    )
    .orderBy(asc(tasks.dueAt));

  const host = new URL(config.publicUrl).hostname || "localhost";
  const calendar = ical({
    name: t.calendar.feed.calendarName(user.name),
    prodId: { company: "Salon CRM", product: "salon-crm", language: "PL" },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: zone, generator: (name) => vtimezone(name, now) },
    ttl: 15 * 60,
  });
  const labels = t.calendar.feed;
  for (const { task, customer, process } of rows) {
    const link = `${config.publicUrl}/procesy/${process.id}`;
    const vehicle = vehicleName(process);
    const description = [
      vehicle ? `${labels.vehicle}: ${vehicle}` : "",
      task.remindAbout ? `${labels.remindAbout}: ${task.remindAbout}` : "",
      `${labels.process}: ${link}`,
    ]
      .filter(Boolean)
      .join("\n");
    const common = {
      id: `task-${task.id}@${host}`,
      summary: `${t.labels.taskGoal[task.goal]} — ${customerName(customer) || t.common.none}`,
      description,
      url: link,
      stamp: task.createdAt,
    };
    if (task.allDay) {
      const date = task.dueDate ?? dayjs(task.dueAt).tz(zone).format("YYYY-MM-DD");
      calendar.createEvent({
        ...common,
        allDay: true,
        start: dayjs(startOfLocalDay(date, zone)).tz(zone),
        end: dayjs(startOfLocalDay(addDays(date, 1), zone)).tz(zone),
      });
    } else {
      const start = task.startAt ?? task.dueAt;
      const end = task.endAt ?? new Date(start.getTime() + 30 * 60_000);
      calendar.createEvent({ ...common, start: dayjs(start).tz(zone), end: dayjs(end).tz(zone), timezone: zone });
    }
  }
  return calendar.toString();
}
