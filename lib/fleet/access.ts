import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { demoCars } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { showroomsOf } from "@/lib/processes/access";

/**
 * Which demo cars a user sees, as a condition over `demo_cars`: those of the showrooms they work in; an
 * administrator every one. A manager edits what they see; a salesperson only looks.
 */
export function visibleCars(viewer: Viewer): SQL | undefined {
  return viewer.role === "admin" ? undefined : sql`${demoCars.showroomId} in ${showroomsOf(viewer.id)}`;
}
