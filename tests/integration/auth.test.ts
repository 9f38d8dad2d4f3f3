import bcrypt from "bcryptjs";
import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { transaction } from "@/db/client";
import { auditEvents, sessions, showrooms, signInFailures, users, type User } from "@/db/schema";
import { passwordNeedsRehash } from "@/lib/auth/password";
import { getAuthSecret } from "@/lib/auth/secret";
import { sessionFromToken } from "@/lib/auth/session";
import { removeExpiredSignInState } from "@/lib/auth/housekeeping";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/sign-in";
import { failureDelayMs, THROTTLE } from "@/lib/auth/throttle";
import { encodeSession } from "@/lib/auth/token";
import type { Role } from "@/lib/domain";
import {
  changeRole,
  createUser,
  ensureFirstAdmin,
  resetPassword,
  setActive,
  unblockSignIn,
} from "@/lib/users/mutations";
import { holdWrites, useTestDatabase } from "../support/database";
import { insertSession, insertUser, PASSWORD } from "../support/fixtures";

const db = useTestDatabase();

const LAST_ADMIN = "Nie można odebrać uprawnień ani dezaktywować ostatniego aktywnego administratora.";
// Every test signs in from addresses of its own: an address's count spans accounts.
let lastAddress = 0;
const newAddress = () => `10.0.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;
let A = "";
let B = "";
beforeEach(() => {
  A = newAddress();
  B = newAddress();
});

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

const password = (email: string, secret: string, address = A, now?: Date) =>
  attemptSignIn({ step: "password", email, password: secret, address }, now);

async function failureCount(account: string, address: string): Promise<number | undefined> {
  const [row] = await db()
    .select({ count: signInFailures.count })
    .from(signInFailures)
    .where(and(eq(signInFailures.account, account), eq(signInFailures.address, address)));
  return row?.count;
}

const outcomeOf = (outcome: SignInOutcome) =>
  outcome.result === "refused" ? `refused ${outcome.reason}` : outcome.result;

const originalStep = THROTTLE.delayStepMs;
beforeAll(() => {
  THROTTLE.delayStepMs = 1; // keep the slow-down real but short in tests
});
afterAll(() => {
  THROTTLE.delayStepMs = originalStep;
});

describe("signing in", () => {
  test("accepts the right password for any letter case of the e-mail and opens a session; refuses a wrong one", async () => {
    const user = await addUser({
      name: "Jan Kowalski",
      email: "Jan@Salon.pl",
      password: "dobre-haslo",
      role: "salesperson",
    });
    expect(user.email).toBe("jan@salon.pl");
    const ok = await password("JAN@salon.PL", "dobre-haslo");
    expect(ok).toMatchObject({ result: "signed-in", user: { id: user.id } });
    const [row] = await db()
      .select()
      .from(sessions)
      .where(eq(sessions.id, ok.result === "signed-in" ? ok.sessionId : ""));
    expect(row).toMatchObject({ userId: user.id });
    expect(outcomeOf(await password("jan@salon.pl", "zle-haslo"))).toBe("refused invalid");
    expect(outcomeOf(await password("nikt@salon.pl", "dobre-haslo"))).toBe("refused invalid");
  });

  test("N wrong passwords sent in parallel add N: each is counted before its password is checked", async () => {
    const user = await insertUser("salesperson");
    const N = 25;
    const outcomes = await Promise.all(Array.from({ length: N }, (_, i) => password(user.email, `zgaduje-${i}`, A)));
    expect(await failureCount(user.email, A)).toBe(N);
    expect(await failureCount(user.email, "")).toBe(N);
    // The counts were handed out one by one: the first ten were checked, the rest refused unchecked.
    const tally = outcomes.map(outcomeOf).sort();
    expect(tally.filter((o) => o === "refused invalid")).toHaveLength(THROTTLE.perAccountAndAddress);
    expect(tally.filter((o) => o === "refused blocked")).toHaveLength(N - THROTTLE.perAccountAndAddress);
  }, 30_000); // 25–30 real argon2id hashes: seconds on a busy machine

  test("10 failures from address A block the account from A, even with the right password, but not from B", async () => {
    const now = new Date();
    const user = await insertUser("admin");
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++)
      expect(outcomeOf(await password(user.email, `zgaduje-${i}`, A, now))).toBe("refused invalid");
    expect(await password(user.email, PASSWORD, A, now)).toEqual({ result: "refused", reason: "blocked", minutes: 15 });
    expect(outcomeOf(await password(user.email, PASSWORD, B, now))).toBe("signed-in");
    // A stays blocked for the rest of its window (B's success forgave B's attempt only), then gets in.
    expect(outcomeOf(await password(user.email, PASSWORD, A, new Date(now.getTime() + 10 * 60_000)))).toBe(
      "refused blocked",
    );
    expect(outcomeOf(await password(user.email, PASSWORD, A, new Date(now.getTime() + THROTTLE.windowMs + 1)))).toBe(
      "signed-in",
    );
  });

  test("failures from many addresses slow the account down but never lock it", async () => {
    const user = await insertUser("admin");
    for (let i = 0; i < 30; i++) await password(user.email, "zle", newAddress());
    expect(failureDelayMs(0)).toBe(0);
    expect(failureDelayMs(THROTTLE.slowAfter)).toBeGreaterThan(0);
    expect(failureDelayMs(THROTTLE.slowAfter + 3)).toBeGreaterThan(failureDelayMs(THROTTLE.slowAfter));
    expect(await failureCount(user.email, "")).toBe(30);
    expect(outcomeOf(await password(user.email, PASSWORD, newAddress()))).toBe("signed-in");
    // A success starts the account's count over.
    expect(await failureCount(user.email, "")).toBeUndefined();
  }, 30_000); // 25–30 real argon2id hashes: seconds on a busy machine

  test("one address failing many accounts is refused for any account; others are not", async () => {
    const sprayer = A;
    for (let i = 0; i < THROTTLE.perAddress; i++) await password(`ofiara-${i}@salon.pl`, "zle", sprayer);
    const user = await insertUser("salesperson");
    expect(outcomeOf(await password(user.email, PASSWORD, sprayer))).toBe("refused blocked");
    expect(outcomeOf(await password(user.email, PASSWORD, B))).toBe("signed-in");
  });

  test("a right password takes its attempt back: nine slips and a success leave nothing against the user", async () => {
    const user = await insertUser("salesperson");
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < THROTTLE.perAccountAndAddress - 1; i++) await password(user.email, "literowka", A);
      expect(outcomeOf(await password(user.email, PASSWORD, A))).toBe("signed-in");
    }
    expect(await failureCount(user.email, A)).toBeUndefined();
  });

  test("an administrator unblocks a user for every address at once", async () => {
    const user = await insertUser("manager");
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) await password(user.email, "zle", A);
    expect(outcomeOf(await password(user.email, PASSWORD, A))).toBe("refused blocked");
    await unblockSignIn({ actor, id: user.id });
    expect(outcomeOf(await password(user.email, PASSWORD, A))).toBe("signed-in");
  });

  test("an unknown e-mail is counted and blocked the same way, so the answer tells nothing about accounts", async () => {
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++)
      expect(outcomeOf(await password("duch@salon.pl", "x", A))).toBe("refused invalid");
    expect(outcomeOf(await password("duch@salon.pl", "x", A))).toBe("refused blocked");
  });

  test("an e-mail longer than any can be is refused without a row of its own; the address still counts", async () => {
    const address = A;
    const long = `${"a".repeat(300)}@salon.pl`;
    expect(outcomeOf(await password(long, "x", address))).toBe("refused invalid");
    expect(await failureCount(long, "")).toBeUndefined();
    expect(await failureCount(long.slice(0, 254), "")).toBeUndefined();
    expect(await failureCount("", address)).toBe(1);
  });

  test("counters whose window is over and expired sessions are removed; current ones stay", async () => {
    const now = new Date();
    const user = await insertUser("salesperson");
    await password(user.email, "zle", A, new Date(now.getTime() - THROTTLE.windowMs - 1000));
    await password(`inny-${user.id}@salon.pl`, "zle", B, new Date(now.getTime() - 60_000));
    const open = await insertSession(user);
    await transaction((tx) =>
      tx.insert(sessions).values({ id: `stara-${user.id}`, userId: user.id, expiresAt: new Date(now.getTime() - 1) }),
    );
    const removed = await removeExpiredSignInState(now);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(await failureCount(user.email, A)).toBeUndefined();
    expect(await failureCount(`inny-${user.id}@salon.pl`, B)).toBe(1);
    const left = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left.map((row) => row.id)).toEqual([open.id]);
  });

  test("a bcrypt hash of an earlier version signs in and is replaced by argon2id; a wrong password leaves it", async () => {
    const legacy = bcrypt.hashSync("stare-haslo-1", 4);
    const user = await insertUser("salesperson", { email: "bcrypt@salon.pl", passwordHash: legacy });
    const storedHash = async () => (await userById(user.id)).passwordHash;

    expect(outcomeOf(await password("bcrypt@salon.pl", "zle-haslo"))).toBe("refused invalid");
    expect(await storedHash()).toBe(legacy);

    expect(outcomeOf(await password("bcrypt@salon.pl", "stare-haslo-1"))).toBe("signed-in");
    const replaced = await storedHash();
    expect(replaced).toMatch(/^\$argon2id\$/);
    expect(passwordNeedsRehash(replaced)).toBe(false);
    expect(outcomeOf(await password("bcrypt@salon.pl", "stare-haslo-1"))).toBe("signed-in");
    expect(await storedHash()).toBe(replaced); // a current hash is kept
  });
});

describe("sessions", () => {
  const cookieOf = async (outcome: SignInOutcome) => {
    if (outcome.result !== "signed-in") throw new Error(`not signed in: ${outcomeOf(outcome)}`);
    return encodeSession({ id: outcome.sessionId, user: outcome.user }, getAuthSecret());
  };

  test("deactivation and a password reset end every session the user holds; reactivation lets them sign in again", async () => {
    const user = await createUser({
      actor,
      input: {
        name: "Sesja",
        email: "sesja@salon.pl",
        password: "haslo-sesji",
        role: "manager",
        showroomIds: [firstShowroomId],
      },
    });
    const first = await cookieOf(await password("sesja@salon.pl", "haslo-sesji"));
    const second = await cookieOf(await password("sesja@salon.pl", "haslo-sesji", B));
    expect(await sessionFromToken(first)).toMatchObject({ user: { id: user.id, role: "manager" } });

    await setActive({ actor, id: user.id, active: false });
    expect(await sessionFromToken(first)).toBeNull();
    expect(await sessionFromToken(second)).toBeNull();
    expect(outcomeOf(await password("sesja@salon.pl", "haslo-sesji"))).toBe("refused invalid");

    await setActive({ actor, id: user.id, active: true });
    // The sessions ended for good: reactivation does not bring them back.
    expect(await sessionFromToken(first)).toBeNull();
    const fresh = await cookieOf(await password("sesja@salon.pl", "haslo-sesji"));
    expect(await sessionFromToken(fresh)).not.toBeNull();

    await resetPassword({ actor, id: user.id, password: "nowe-haslo-123" });
    expect(await sessionFromToken(fresh)).toBeNull();
    expect(outcomeOf(await password("sesja@salon.pl", "nowe-haslo-123"))).toBe("signed-in");
  });

  test("a forged, garbage or made-up token is no session; nor is one of a user that is not its session's", async () => {
    expect(await sessionFromToken("nonsense")).toBeNull();
    const forged = await encode({ token: { sub: "1", sid: "x" }, secret: "not-the-secret" });
    expect(await sessionFromToken(forged)).toBeNull();
    const user = await insertUser("salesperson");
    const other = await insertUser("admin");
    const session = await insertSession(user);
    const stolenId = await encodeSession({ id: session.id, user: other }, getAuthSecret());
    expect(await sessionFromToken(stolenId)).toBeNull();
    expect(await sessionFromToken(session.cookie)).toMatchObject({ id: session.id, user: { id: user.id } });
  });

  test("a session that was accepted before is refused once its time is up", async () => {
    const user = await insertUser("salesperson");
    const session = await insertSession(user);
    expect(await sessionFromToken(session.cookie)).toMatchObject({ user: { id: user.id } });
    // Only the clock moves: past the row's expiry (the cookie's own is the same seven days).
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask", "setTimeout", "setInterval"] });
    jest.setSystemTime(Date.now() + 8 * 24 * 60 * 60_000);
    try {
      expect(await sessionFromToken(session.cookie)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
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
    actor = second;
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
