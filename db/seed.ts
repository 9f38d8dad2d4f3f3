import { sql } from "drizzle-orm";
import { hashPasswordSync } from "@/lib/auth/password";
import type { Db } from "./client";
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
export function seedDemo(db: Db, now = new Date()): boolean {
  const count =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0;
  if (count > 0) return false;
  const passwordHash = hashPasswordSync(DEMO_PASSWORD);
  db.transaction((tx) => {
    const created = DEMO_USERS.map((user) =>
      tx
        .insert(users)
        .values({ ...user, passwordHash })
        .returning()
        .get(),
    );
    const processes = seedProcesses(tx, created, now);
    seedActivity(tx, created, processes, now);
  });
  return true;
}
