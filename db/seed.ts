import { count } from "drizzle-orm";
import bcrypt from "bcryptjs";
import { getDb, transaction } from "./client";
import { users } from "./schema";
import { seedActivity } from "./seed-activity";
import { seedProcesses } from "./seed-processes";

export const DEMO_PASSWORD = "demo1234";

export const DEMO_USERS = [
  { name: "Anna Administratorka", email: "admin@salon.demo", role: "admin" },
  { name: "Marek Kierownik", email: "kierownik@salon.demo", role: "manager" },
  { name: "Kasia Nowak", email: "kasia@salon.demo", role: "salesperson" },
  { name: "Tomasz Wiśniewski", email: "tomasz@salon.demo", role: "salesperson" },
  { name: "Piotr Zieliński", email: "piotr@salon.demo", role: "salesperson" },
] as const;

/** Seeds a demo dealership into an empty database; returns false when it already has users. */
export async function seedDemo(now = new Date()): Promise<boolean> {
  const [{ n }] = await getDb().select({ n: count() }).from(users);
  if (n > 0) return false;
  const passwordHash = bcrypt.hashSync(DEMO_PASSWORD, 10);
  await transaction(async (tx) => {
    const created = await tx
      .insert(users)
      .values(DEMO_USERS.map((user) => ({ ...user, passwordHash })))
      .returning();
    const processes = await seedProcesses(tx, created, now);
    await seedActivity(tx, created, processes, now);
  });
  return true;
}
