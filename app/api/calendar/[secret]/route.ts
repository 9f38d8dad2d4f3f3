import { buildFeed, findFeedOwner } from "@/lib/calendar/feed";
import { publicRoute } from "@/lib/routes/public";

export const dynamic = "force-dynamic";

/** The private iCalendar feed: /api/calendar/<secret>.ics (or without ".ics"). No session: the secret is the key. */
export const GET = publicRoute(
  {
    load: ({ params }) =>
      findFeedOwner({ secret: typeof params.secret === "string" ? params.secret.replace(/\.ics$/, "") : "" }),
  },
  async ({ resource: owner }) =>
    new Response(await buildFeed({ user: owner }), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="salon-crm.ics"',
        "Cache-Control": "private, no-store",
      },
    }),
);
