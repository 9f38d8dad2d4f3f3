import { countUnread } from "@/lib/notifications/counts";
import { authedRoute } from "@/lib/routes/route";

export const dynamic = "force-dynamic";

/** The signed-in user's unread count, for the header badge's refresher: {"unread": n}. */
export const GET = authedRoute({ kind: "api" }, async ({ user }) =>
  Response.json({ unread: await countUnread(user.id) }, { headers: { "Cache-Control": "no-store" } }),
);
