import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { memoUntilDataChanges } from "@/lib/data-cache";
import { testDriveStats } from "@/lib/fleet/stats";
import { leadNumbers } from "./leads";
import { activityByShowroom, activityByUser, activityPerDay, salesFunnel } from "./queries";

type Range = Parameters<typeof activityByUser>[0]["period"];
const scope = (viewer: Viewer, period: Range) => [viewer.id, viewer.role, period.start.getTime(), period.end.getTime()];

export function cachedActivityByUser(args: { viewer: Viewer; period: Range; userId?: number; showroomId?: number }) {
  return memoUntilDataChanges(["activity", ...scope(args.viewer, args.period), args.userId, args.showroomId], () =>
    activityByUser(args),
  );
}

export function cachedSalesFunnel(args: Parameters<typeof salesFunnel>[0] & { viewer: Viewer; period: Range }) {
  return memoUntilDataChanges(
    ["funnel", ...scope(args.viewer, args.period), args.mode, args.ownerId, args.showroomId],
    () => salesFunnel(args),
  );
}

export function cachedActivityPerDay(args: {
  viewer: Viewer;
  userId: number;
  showroomId?: number;
  period: Parameters<typeof activityPerDay>[0]["period"] & Range;
}) {
  return memoUntilDataChanges(["days", ...scope(args.viewer, args.period), args.userId, args.showroomId], () =>
    activityPerDay(args),
  );
}

export function cachedActivityByShowroom(args: { viewer: Viewer; period: Range; showroomIds: readonly number[] }) {
  return memoUntilDataChanges(["by-showroom", ...scope(args.viewer, args.period), ...args.showroomIds], () =>
    activityByShowroom(args),
  );
}

/**
 * The leads' numbers change with the data version too: a lead that counts made a process or attached a
 * note, and its first contact is a task executed (a note).
 */
export function cachedLeadNumbers(args: { viewer: Viewer; period: Range; showroomId?: number }) {
  return memoUntilDataChanges(["leads", ...scope(args.viewer, args.period), args.showroomId], () => leadNumbers(args));
}

/** Test drives held are executed tasks (a note each); a cancelled one drops its task (an event). */
export function cachedTestDriveStats(args: { viewer: Viewer; period: Range; showroomId?: number }) {
  return memoUntilDataChanges(["test-drives", ...scope(args.viewer, args.period), args.showroomId], () =>
    testDriveStats(args),
  );
}
