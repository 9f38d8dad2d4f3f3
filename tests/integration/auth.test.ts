import bcrypt from "bcryptjs";
import { and, eq } from "drizzle-orm";
import { passwordNeedsRehash } from "@/lib/auth/password";
import { encode } from "next-auth/jwt";
import { transaction } from "@/db/client";
import { auditEvents, showrooms, users, type User } from "@/db/schema";
import { failureDelayMs, LOCKOUT, verifyCredentials } from "@/lib/auth/credentials";
import { getAuthSecret } from "@/lib/auth/secret";
import { userFromToken } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { changeRole, createUser, ensureFirstAdmin, resetPassword, setActive } from "@/lib/users/mutations";
import { holdWrites, useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

const db = useTestDatabase();

const LAST_ADMIN = "Nie można odebrać uprawnień ani dezaktywować ostatniego aktywnego administratora.";

/** The administrator who manages users in these tests. */
let actor: User;
let firstShowroomId: number;
beforeAll(async () => {
  actor = await insertUser("admin");
  [{ id: firstShowroomId }] = await db().select({ id: showrooms.id }).from(showrooms);
});

const addUser = (input: { name: string; email: string; password: string; role: Role }) =>
  createUser({ actor, input: { ...input, showroomIds: [firstShowroomId] } });

async function userById(id: number) {
  const [user] = await db().select().from(users).where(eq(users.id, id));
  return user;
}

describe("signing in", () => {
  let clock = Date.parse("2026-11-27T10:00:00Z");
  const now = () => clock;
  const originalStep = LOCKOUT.delayStepMs;
  beforeAll(() => {
    LOCKOUT.delayStepMs = 1; // keep the slow-down real but short in tests
  });
  afterAll(() => {
    LOCKOUT.delayStepMs = originalStep;
  });

  test("accepts the right password for any letter case of the e-mail, refuses a wrong one", async () => {
    const user = await addUser({
      name: "Jan Kowalski",
      email: "Jan@Salon.pl",
      password: "dobre-haslo",
      role: "salesperson",
    });
    expect(user.email).toBe("jan@salon.pl");
    const ok = await verifyCredentials("JAN@salon.PL", "dobre-haslo", now);
    expect(ok.ok).toBe(true);
    expect((await verifyCredentials("jan@salon.pl", "zle-haslo", now)).ok).toBe(false);
    expect((await verifyCredentials("nikt@salon.pl", "dobre-haslo", now)).ok).toBe(false);
  });

  test("slows down repeated failures, then locks the account for a while, even for the right password", async () => {
    expect(failureDelayMs(0)).toBe(0);
    expect(failureDelayMs(LOCKOUT.slowAfter)).toBeGreaterThan(0);
    expect(failureDelayMs(LOCKOUT.slowAfter + 3)).toBeGreaterThan(failureDelayMs(LOCKOUT.slowAfter));

    await addUser({ name: "Ewa Zgadywana", email: "ewa@salon.pl", password: "prawdziwe-haslo", role: "salesperson" });
    for (let i = 0; i < LOCKOUT.maxFailures; i++) {
      const result = await verifyCredentials("ewa@salon.pl", `zgaduje-${i}`, now);
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await verifyCredentials("ewa@salon.pl", "prawdziwe-haslo", now);
    expect(locked).toEqual({ ok: false, reason: "locked", minutes: 15 });

    clock += LOCKOUT.lockMs + 1000;
    const after = await verifyCredentials("ewa@salon.pl", "prawdziwe-haslo", now);
    expect(after.ok).toBe(true);
  });

  test("failures older than the window do not add up", async () => {
    await addUser({ name: "Olga Okno", email: "olga@salon.pl", password: "haslo-olgi", role: "salesperson" });
    for (let i = 0; i < LOCKOUT.maxFailures - 1; i++) await verifyCredentials("olga@salon.pl", "zle", now);
    clock += LOCKOUT.windowMs + 1000;
    await verifyCredentials("olga@salon.pl", "zle", now);
    expect((await verifyCredentials("olga@salon.pl", "haslo-olgi", now)).ok).toBe(true);
  });

  test("a bcrypt hash of an earlier version signs in and is replaced by argon2id; a wrong password leaves it", async () => {
    const legacy = bcrypt.hashSync("stare-haslo-1", 4);
    const user = await insertUser("salesperson", { email: "bcrypt@salon.pl", passwordHash: legacy });
    const storedHash = async () => (await db().select().from(users).where(eq(users.id, user.id)))[0].passwordHash;

    expect((await verifyCredentials("bcrypt@salon.pl", "zle-haslo", now)).ok).toBe(false);
    expect(await storedHash()).toBe(legacy);

    expect((await verifyCredentials("bcrypt@salon.pl", "stare-haslo-1", now)).ok).toBe(true);
    const replaced = await storedHash();
    expect(replaced).toMatch(/^\$argon2id\$/);
    expect(passwordNeedsRehash(replaced)).toBe(false);
    expect((await verifyCredentials("bcrypt@salon.pl", "stare-haslo-1", now)).ok).toBe(true);
    expect(await storedHash()).toBe(replaced); // a current hash is kept
    expect((await verifyCredentials("bcrypt@salon.pl", "zle-haslo", now)).ok).toBe(false);
  });

  test("an unknown e-mail is locked out the same way, so the answer tells nothing about accounts", async () => {
    for (let i = 0; i < LOCKOUT.maxFailures; i++) await verifyCredentials("duch@salon.pl", "x", now);
    expect((await verifyCredentials("duch@salon.pl", "x", now)).ok).toBe(false);
    expect(await verifyCredentials("duch@salon.pl", "x", now)).toMatchObject({ reason: "locked" });
  });
});

describe("users and roles", () => {
  test("e-mails are unique regardless of letter case", async () => {
    await addUser({ name: "A", email: "unikat@salon.pl", password: "haslo-1234", role: "salesperson" });
    await expect(
      addUser({ name: "B", email: "UNIKAT@salon.pl", password: "haslo-1234", role: "manager" }),
    ).rejects.toMatchObject({
      fieldErrors: { email: ["Użytkownik z tym adresem e-mail już istnieje."] },
    });
  });

  test("the last active administrator can be neither demoted nor deactivated", async () => {
    await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.role, "admin")));
    const admin = await insertUser("admin");
    await expect(changeRole({ actor: admin, id: admin.id, role: "manager" })).rejects.toThrow(LAST_ADMIN);
    await expect(setActive({ actor: admin, id: admin.id, active: false })).rejects.toThrow(LAST_ADMIN);
    const second = await insertUser("admin");
    await changeRole({ actor: second, id: admin.id, role: "manager" });
    await expect(setActive({ actor: second, id: second.id, active: false })).rejects.toThrow(LAST_ADMIN);
    expect((await userById(admin.id)).role).toBe("manager");
    expect((await userById(second.id)).active).toBe(true);
  });

  test("the same e-mail added twice at once: one user, and the other answer is the field's error", async () => {
    const admin = await insertUser("admin"); // the tests above deactivated the others
    // Both pass the check for the e-mail before either inserts (on PostgreSQL; SQLite takes them in turn).
    const writes = await holdWrites("users");
    const adding = Promise.allSettled(
      ["Ola", "Ala"].map((name) =>
        createUser({
          actor: admin,
          input: {
            name,
            email: "naraz@salon.pl",
            password: "haslo-1234",
            role: "manager",
            showroomIds: [firstShowroomId],
          },
        }),
      ),
    );
    await writes.release(2);
    const results = await adding;
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { fieldErrors: { email: ["Użytkownik z tym adresem e-mail już istnieje."] } },
    });
    expect(await db().select().from(users).where(eq(users.email, "naraz@salon.pl"))).toHaveLength(1);
  });

  test("two administrators demoting each other at once leave one administrator", async () => {
    await transaction((tx) => tx.update(users).set({ active: false }).where(eq(users.role, "admin")));
    const [a, b] = [await insertUser("admin"), await insertUser("admin")];
    // Both count the administrators before either demotes (on PostgreSQL; SQLite takes them in turn).
    const writes = await holdWrites("users");
    const demoting = Promise.allSettled([
      changeRole({ actor: a, id: b.id, role: "manager" }),
      changeRole({ actor: b, id: a.id, role: "manager" }),
    ]);
    await writes.release(2);
    const results = await demoting;
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    // Refused as the last administrator, or as no administrator any more: whichever it learned first.
    expect(results.find((result) => result.status === "rejected")).toMatchObject({
      reason: { message: expect.stringMatching(/^(Nie można odebrać uprawnień|Nie masz uprawnień)/) },
    });
    const admins = await db()
      .select()
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);
  });

  test("deactivation and a password reset end the sessions a user holds; reactivation lets them sign in again", async () => {
    // The administrators above were deactivated: another one manages this user.
    const admin = await insertUser("admin");
    const user = await createUser({
      actor: admin,
      input: {
        name: "Sesja",
        email: "sesja@salon.pl",
        password: "haslo-sesji",
        role: "manager",
        showroomIds: [firstShowroomId],
      },
    });
    const token = await encode({
      token: { sub: String(user.id), sv: user.sessionVersion, name: user.name, email: user.email },
      secret: getAuthSecret(),
    });
    expect(await userFromToken(token)).toMatchObject({ id: user.id, role: "manager" });

    await setActive({ actor: admin, id: user.id, active: false });
    expect(await userFromToken(token)).toBeNull();
    expect((await verifyCredentials("sesja@salon.pl", "haslo-sesji")).ok).toBe(false);

    await setActive({ actor: admin, id: user.id, active: true });
    expect((await verifyCredentials("sesja@salon.pl", "haslo-sesji")).ok).toBe(true);
    const fresh = await userById(user.id);
    const freshToken = await encode({
      token: { sub: String(user.id), sv: fresh.sessionVersion, name: user.name, email: user.email },
      secret: getAuthSecret(),
    });
    expect(await userFromToken(freshToken)).not.toBeNull();

    await resetPassword({ actor: admin, id: user.id, password: "nowe-haslo-123" });
    expect(await userFromToken(freshToken)).toBeNull();
    expect((await verifyCredentials("sesja@salon.pl", "nowe-haslo-123")).ok).toBe(true);
  });

  test("a forged or garbage token is no session", async () => {
    expect(await userFromToken("nonsense")).toBeNull();
    const forged = await encode({ token: { sub: "1", sv: 1 }, secret: "not-the-secret" });
    expect(await userFromToken(forged)).toBeNull();
  });

  test("a session that was accepted before is refused once its time is up", async () => {
    const user = await insertUser("salesperson");
    const token = await encode({
      token: { sub: String(user.id), sv: user.sessionVersion },
      secret: getAuthSecret(),
      maxAge: 60,
    });
    expect(await userFromToken(token)).toMatchObject({ id: user.id });
    // Only the clock moves: past the minute and past next-auth's 15 s of tolerance.
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask", "setTimeout", "setInterval"] });
    jest.setSystemTime(Date.now() + 90_000);
    try {
      expect(await userFromToken(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("first start", () => {
  test("says what is missing, then creates the administrator once", async () => {
    // An empty installation: no users, and so no events of theirs (sign-ins and user changes so far).
    await transaction(async (tx) => {
      await tx.delete(auditEvents);
      await tx.delete(users);
    });
    expect(await ensureFirstAdmin({ email: "", password: "" })).toEqual({ missing: ["ADMIN_EMAIL", "ADMIN_PASSWORD"] });
    expect(await ensureFirstAdmin({ email: "szef@salon.pl", password: "" })).toEqual({ missing: ["ADMIN_PASSWORD"] });
    expect(await ensureFirstAdmin({ email: "Szef@Salon.pl", password: "haslo-szefa" })).toBe("created");
    expect(await ensureFirstAdmin({ email: "inny@salon.pl", password: "haslo-szefa" })).toBe("exists");
    const all = await db().select().from(users);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ email: "szef@salon.pl", role: "admin", active: true });
  });
});
