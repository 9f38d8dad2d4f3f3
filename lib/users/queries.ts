import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

export function listUsers() {
  return getDb().select(publicColumns).from(users).orderBy(asc(users.name)).all();
}

/** Active users a process can be handed to, by name. */
export function listActiveUsers() {
  return getDb().select(publicColumns).from(users).where(eq(users.active, true)).orderBy(asc(users.name)).all();
}

export function findUser(id: number) {
  return getDb().select(publicColumns).from(users).where(eq(users.id, id)).get();
}

export type UserRow = ReturnType<typeof listUsers>[number];
