import "server-only";
import type { NextRequest } from "next/server";
import { getSession, type SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { guarded, refuse, type Context, type Handler, type Params, type RouteKind } from "./public";

export { refuse } from "./public";

/**
 * A route for signed-in users (the routes' one contract and refusal policy: lib/routes/public.ts): session,
 * then roles, then `load` (null/undefined: 404), then the body.
 */
export function authedRoute<R = undefined>(
  options: {
    kind: RouteKind;
    roles?: readonly Role[];
    load?: (args: { user: SessionUser; params: Params; request: NextRequest }) => Promise<R | null | undefined>;
  },
  body: (context: Context<R> & { user: SessionUser }) => Promise<Response>,
): Handler {
  return (request, { params }) =>
    guarded(request, async () => {
      const session = await getSession();
      if (!session) return refuse.anonymous(options.kind, request);
      if (session.twoFactor.setupRequired) return refuse.twoFactorSetup(options.kind, request);
      const user = session.user;
      if (options.roles && !options.roles.includes(user.role)) return refuse.notFound();
      const resolved = await params;
      let resource = undefined as R;
      if (options.load) {
        const found = await options.load({ user, params: resolved, request });
        if (found == null) return refuse.notFound();
        resource = found;
      }
      return body({ request, params: resolved, resource, user });
    });
}
