import { bookingSpan } from "@/lib/fleet/bookings";
import { freeCarIds, workingDayOf } from "@/lib/fleet/queries";
import { findVisibleProcess } from "@/lib/processes/access";
import { authedRoute } from "@/lib/routes/route";
import { plannedTime } from "@/lib/tasks/schema";
import { parseId } from "@/lib/validation";

export const dynamic = "force-dynamic";

/**
 * The demo cars of a process's showroom free for a time, for "Samochód demo": {"carIds": [...]}, or
 * {"carIds": null} while the time is incomplete (the form then lists every car). 404 for a process the
 * user may not see.
 */
export const GET = authedRoute(
  {
    kind: "api",
    load: async ({ user, request }) => {
      const id = parseId(request.nextUrl.searchParams.get("proces"));
      return id ? findVisibleProcess({ user, id }) : undefined;
    },
  },
  async ({ request, resource: process }) => {
    const param = (name: string) => request.nextUrl.searchParams.get(name)?.slice(0, 20) ?? "";
    const task = plannedTime({
      startDate: param("startDate"),
      startTime: param("startTime"),
      endDate: param("endDate"),
      endTime: param("endTime"),
      allDay: param("allDay") === "on",
    });
    const carIds = task
      ? await freeCarIds({
          showroomId: process.showroomId,
          span: bookingSpan(task, await workingDayOf(process.showroomId)),
        })
      : null;
    return Response.json({ carIds }, { headers: { "Cache-Control": "no-store" } });
  },
);
