import "server-only";
import type { Viewer } from "@/lib/auth/session";
import { cachedActivityByShowroom, cachedLeadNumbers, cachedSalesFunnel } from "./cache";
import type { LeadNumbers } from "./leads";
import type { FunnelMode, FunnelResult, ShowroomActivity } from "./queries";

type Range = { start: Date; end: Date };

/** One showroom's column of "Statystyki"'s comparison: a field here, a row in `showroomsTable` (lib/stats/tables.ts). */
export type ShowroomColumn = {
  showroom: { id: number; name: string };
  activity: ShowroomActivity;
  funnel: FunnelResult;
  leads: LeadNumbers;
};

/** The showrooms side by side: each one's activity and funnel, counted as the viewer may count them. */
export async function compareShowrooms({
  viewer,
  period,
  mode,
  showrooms,
}: {
  viewer: Viewer;
  period: Range;
  mode: FunnelMode;
  /** Among those the viewer may filter by. */
  showrooms: readonly { id: number; name: string }[];
}): Promise<ShowroomColumn[]> {
  const [activity, funnels, leads] = await Promise.all([
    cachedActivityByShowroom({ viewer, period, showroomIds: showrooms.map((showroom) => showroom.id) }),
    Promise.all(showrooms.map((showroom) => cachedSalesFunnel({ viewer, period, mode, showroomId: showroom.id }))),
    cachedLeadNumbers({ viewer, period }),
  ]);
  return showrooms.map((showroom, i) => ({
    showroom: { id: showroom.id, name: showroom.name },
    activity: activity[i],
    funnel: funnels[i],
    leads: leads.byShowroom.get(showroom.id) ?? { received: 0, medianFirstContactMinutes: null },
  }));
}
