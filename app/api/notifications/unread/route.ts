import { getSessionUser } from "@/lib/auth/session";
import { countUnread } from "@/lib/notifications/counts";

export const dynamic = "force-dynamic";

/** The signed-in user's unread count, for the header badge's refresher: {"unread": n}. */
export async function GET() {
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "unauthorized" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return Response.json({ unread: countUnread(user.id) }, { headers: { "Cache-Control": "no-store" } });
}
