import { buildFeed, findFeedOwner } from "@/lib/calendar/feed";

export const dynamic = "force-dynamic";

/** The private iCalendar feed: /api/calendar/<secret>.ics (or without ".ics"). No session: the secret is the key. */
export async function GET(_request: Request, { params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const owner = findFeedOwner({ secret: secret.replace(/\.ics$/, "") });
  if (!owner)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(buildFeed({ user: owner }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="salon-crm.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
