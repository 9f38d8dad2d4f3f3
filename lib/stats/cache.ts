import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { memoUntilDataChanges } from "@/lib/data-cache";
import { activityByUser, activityPerDay, salesFunnel } from "./queries";

type Range = Parameters<typeof activityByUser>[0]["period"];
const scope = (viewer: Viewer, period: Range) => [viewer.id, viewer.role, period.start.getTime(), period.end.getTime()];

export function cachedActivityByUser(args: { viewer: Viewer; period: Range; userId?: number }) {
  return memoUntilDataChanges(["activity", ...scope(args.viewer, args.period), args.userId], () =>
    activityByUser(args),
  );
}

export function cachedSalesFunnel(args: Parameters<typeof salesFunnel>[0] & { viewer: Viewer; period: Range }) {
  return memoUntilDataChanges(["funnel", ...scope(args.viewer, args.period), args.mode, args.ownerId], () =>
    salesFunnel(args),
  );
}

export function cachedActivityPerDay(args: {
  viewer: Viewer;
  userId: number;
  period: Parameters<typeof activityPerDay>[0]["period"] & Range;
}) {
  return memoUntilDataChanges(["days", ...scope(args.viewer, args.period), args.userId], () => activityPerDay(args));
}
