import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb } from "@/db/client";
import { users, type User } from "@/db/schema";
import { hashPasswordSync } from "@/lib/auth/password";
import type { Role } from "@/lib/domain";

/**
 * A fresh SQLite file with the real migrations for this test file: call at the top of a describe/file.
 * Returns a getter, since the database opens in beforeAll.
 */
export function useTestDatabase() {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-test-"));
    process.env.DATA_DIR = dir;
    getDb();
  });
  afterAll(() => {
    closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => getDb();
}

let userCounter = 0;
const quickHash = hashPasswordSync("haslo12345");

/** Inserts a user straight into the database (password "haslo12345"). */
export function insertUser(role: Role = "salesperson", overrides: Partial<typeof users.$inferInsert> = {}): User {
  userCounter += 1;
  return getDb()
    .insert(users)
    .values({
      name: `Użytkownik ${userCounter}`,
      email: `user${userCounter}-${Date.now()}@test.pl`,
      passwordHash: quickHash,
      role,
      ...overrides,
    })
    .returning()
    .get();
}
