import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { memoUntilDataChanges } from "@/lib/data-cache";
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
