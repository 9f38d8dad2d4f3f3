import { asc, count, eq } from "drizzle-orm";
import { hashPasswordSync } from "@/lib/auth/password";
import { getDb, transaction } from "./client";
import { showrooms, userShowrooms, users } from "./schema";
import { seedActivity } from "./seed-activity";
import { seedFleet } from "./seed-fleet";
import { seedProcesses } from "./seed-processes";

export const DEMO_PASSWORD = "demo1234";

/** Two showrooms: the installation's first one takes the first name. */
export const DEMO_SHOWROOMS = [
  { name: "Salon Centrum", address: "ul. Marszałkowska 100, 00-026 Warszawa", phone: "+48221234567" },
  { name: "Salon Północ", address: "ul. Modlińska 200, 03-152 Warszawa", phone: "+48227654321" },
] as const;

/** Who works where: indexes into DEMO_SHOWROOMS. */
export const DEMO_USERS = [
  { name: "Anna Administratorka", email: "admin@salon.demo", role: "admin", showrooms: [0, 1] },
  { name: "Marek Kierownik", email: "kierownik@salon.demo", role: "manager", showrooms: [0] },
  { name: "Ewa Kierowniczka", email: "kierowniczka@salon.demo", role: "manager", showrooms: [1] },
  { name: "Kasia Nowak", email: "kasia@salon.demo", role: "salesperson", showrooms: [0] },
  { name: "Tomasz Wiśniewski", email: "tomasz@salon.demo", role: "salesperson", showrooms: [1] },
  { name: "Piotr Zieliński", email: "piotr@salon.demo", role: "salesperson", showrooms: [0, 1] },
] as const;

/** Seeds a demo dealership into an empty database; returns false when it already has users. */
export async function seedDemo(now = new Date()): Promise<boolean> {
  const [{ n }] = await getDb().select({ n: count() }).from(users);
  if (n > 0) return false;
  const passwordHash = hashPasswordSync(DEMO_PASSWORD);
  await transaction(async (tx) => {
    const [first] = await tx.select({ id: showrooms.id }).from(showrooms).orderBy(asc(showrooms.id)).limit(1);
    await tx.update(showrooms).set(DEMO_SHOWROOMS[0]).where(eq(showrooms.id, first.id));
    const [second] = await tx.insert(showrooms).values(DEMO_SHOWROOMS[1]).returning({ id: showrooms.id });
    const showroomIds = [first.id, second.id];
    const created = await tx
      .insert(users)
      .values(DEMO_USERS.map(({ name, email, role }) => ({ name, email, role, passwordHash })))
      .returning();
    await tx
      .insert(userShowrooms)
      .values(
        DEMO_USERS.flatMap((user, i) =>
          user.showrooms.map((index) => ({ userId: created[i].id, showroomId: showroomIds[index] })),
        ),
      );
    const processes = await seedProcesses(tx, created, now);
    await seedActivity(tx, created, processes, now);
    await seedFleet(tx, showroomIds, now);
  });
  return true;
}
