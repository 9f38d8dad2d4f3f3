import { and, eq, isNull } from "drizzle-orm";
import { backupCodes, sessions, users, type User } from "@/db/schema";
import {
  changeOwnPassword,
  confirmTwoFactor,
  disableTwoFactor,
  signOutEverywhere,
  startTwoFactorSetup,
} from "@/lib/account/mutations";
import { sessionFromToken } from "@/lib/auth/session";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/sign-in";
import { THROTTLE } from "@/lib/auth/throttle";
import { resetTwoFactor } from "@/lib/users/mutations";
import { authenticatorCode } from "../support/authenticator";
import { useTestDatabase } from "../support/database";
import { insertSession, insertUser, PASSWORD, type TestUser } from "../support/fixtures";

const db = useTestDatabase();

let lastAddress = 0;
const newAddress = () => `10.1.${Math.floor(++lastAddress / 250)}.${(lastAddress % 250) + 1}`;

const originalStep = THROTTLE.delayStepMs;
beforeAll(() => {
  THROTTLE.delayStepMs = 1;
});
afterAll(() => {
  THROTTLE.delayStepMs = originalStep;
});

const outcomeOf = (outcome: SignInOutcome) =>
  outcome.result === "refused" ? `refused ${outcome.reason}` : outcome.result;

async function row(id: number): Promise<User> {
  const [user] = await db().select().from(users).where(eq(users.id, id));
  return user;
}

const codeAt = authenticatorCode;

/** A user who turned "Weryfikacja dwuetapowa" on at `at`; their secret and backup codes. */
async function withTwoFactor(role: "salesperson" | "manager" | "admin" = "salesperson", at = new Date()) {
  const user = await insertUser(role);
  await startTwoFactorSetup({ me: user });
  const secret = (await row(user.id)).totpPendingSecret!;
  const codes = await confirmTwoFactor({ me: user, code: codeAt(secret, at), now: at });
  return { user, secret, codes };
}

const signInPassword = (user: TestUser, address: string, now?: Date) =>
  attemptSignIn({ step: "password", email: user.email, password: user.password, address }, now);
const signInCode = (user: TestUser, code: string, address: string, now?: Date) =>
  attemptSignIn({ step: "code", userId: user.id, code, address }, now);

describe("Weryfikacja dwuetapowa", () => {
  test("turned on by a code of the scanned secret; ten backup codes are shown once and kept only hashed", async () => {
    const user = await insertUser("salesperson");
    await startTwoFactorSetup({ me: user });
    const pending = (await row(user.id)).totpPendingSecret!;
    expect(pending).toMatch(/^[A-Z2-7]{32}$/);
    expect((await row(user.id)).totpSecret).toBeNull();

    await expect(confirmTwoFactor({ me: user, code: "000000" })).rejects.toMatchObject({
      fieldErrors: { code: [expect.stringContaining("Nieprawidłowy kod")] },
    });
    expect((await row(user.id)).totpSecret).toBeNull();

    const codes = await confirmTwoFactor({ me: user, code: codeAt(pending, new Date()) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await row(user.id)).toMatchObject({ totpSecret: pending, totpPendingSecret: null });
    const stored = await db().select().from(backupCodes).where(eq(backupCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    await expect(startTwoFactorSetup({ me: user })).rejects.toThrow("już włączona");
  });

  test("sign-in then asks for the code: the password alone opens no session; the right code does, once", async () => {
    const now = new Date();
    const { user, secret } = await withTwoFactor("salesperson", new Date(now.getTime() - 60_000));
    const address = newAddress();
    const first = await signInPassword(user, address, now);
    expect(outcomeOf(first)).toBe("code-needed");
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);

    const code = codeAt(secret, now);
    const signedIn = await signInCode(user, code, address, now);
    expect(outcomeOf(signedIn)).toBe("signed-in");
    // The same code again, even from elsewhere and within its 30 s: refused (a replay).
    expect(outcomeOf(await signInCode(user, code, newAddress(), now))).toBe("refused invalid");
    // The next period's code works.
    const later = new Date(now.getTime() + 30_000);
    expect(outcomeOf(await signInCode(user, codeAt(secret, later), address, later))).toBe("signed-in");
    expect(outcomeOf(await signInCode(user, "123456", address, later))).toBe("refused invalid");
  });

  test("two requests with one code at once: one signs in, the other is refused", async () => {
    const now = new Date();
    const { user, secret } = await withTwoFactor("salesperson", new Date(now.getTime() - 60_000));
    const code = codeAt(secret, now);
    const outcomes = await Promise.all([
      signInCode(user, code, newAddress(), now),
      signInCode(user, code, newAddress(), now),
    ]);
    expect(outcomes.map(outcomeOf).sort()).toEqual(["refused invalid", "signed-in"]);
  });

  test("a backup code signs in once; used twice, it is refused", async () => {
    const { user, codes } = await withTwoFactor();
    const address = newAddress();
    expect(outcomeOf(await signInCode(user, codes[3], address))).toBe("signed-in");
    expect(outcomeOf(await signInCode(user, codes[3], address))).toBe("refused invalid");
    // Typed without the dash and in capitals, another one still works.
    expect(outcomeOf(await signInCode(user, codes[4].replace("-", " ").toUpperCase(), address))).toBe("signed-in");
    const unused = await db()
      .select()
      .from(backupCodes)
      .where(and(eq(backupCodes.userId, user.id), isNull(backupCodes.usedAt)));
    expect(unused).toHaveLength(8);
  });

  test("the code step is throttled like the password: 10 wrong codes block A, not B; a right password resets nothing", async () => {
    const now = new Date();
    const { user, secret } = await withTwoFactor("admin", new Date(now.getTime() - 120_000));
    const [a, b] = [newAddress(), newAddress()];
    // Someone who knows the password: each password step and each guess count; the password never forgives.
    for (let i = 0; i < THROTTLE.perAccountAndAddress / 2; i++) {
      expect(outcomeOf(await signInPassword(user, a, now))).toBe("code-needed");
      expect(outcomeOf(await signInCode(user, String(100000 + i), a, now))).toBe("refused invalid");
    }
    expect(await signInCode(user, codeAt(secret, now), a, now)).toMatchObject({ result: "refused", reason: "blocked" });
    expect(outcomeOf(await signInCode(user, codeAt(secret, now), b, now))).toBe("signed-in");
  });

  test("an administrator's reset turns it off: the password alone signs in again", async () => {
    const { user } = await withTwoFactor();
    const admin = await insertUser("admin");
    await resetTwoFactor({ actor: admin, id: user.id });
    expect(await row(user.id)).toMatchObject({ totpSecret: null, totpLastStep: null });
    expect(await db().select().from(backupCodes).where(eq(backupCodes.userId, user.id))).toEqual([]);
    expect(outcomeOf(await signInPassword(user, newAddress()))).toBe("signed-in");
  });

  test("turning it off asks for the current password; a role REQUIRE_2FA names cannot turn it off", async () => {
    const { user } = await withTwoFactor("salesperson");
    await expect(
      disableTwoFactor({ me: user, currentPassword: "zle-haslo", address: newAddress() }),
    ).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["Nieprawidłowe obecne hasło."] },
    });
    expect((await row(user.id)).totpSecret).not.toBeNull();
    await disableTwoFactor({ me: user, currentPassword: PASSWORD, address: newAddress() });
    expect((await row(user.id)).totpSecret).toBeNull();

    process.env.REQUIRE_2FA = "admin,manager";
    try {
      const { user: manager } = await withTwoFactor("manager");
      await expect(disableTwoFactor({ me: manager, currentPassword: PASSWORD, address: newAddress() })).rejects.toThrow(
        "Twoja rola wymaga weryfikacji dwuetapowej",
      );
    } finally {
      delete process.env.REQUIRE_2FA;
    }
  });

  test("REQUIRE_2FA=admin,manager: a manager without it has a session that must set it up first; a salesperson not", async () => {
    process.env.REQUIRE_2FA = "admin, manager";
    try {
      const manager = await insertUser("manager");
      const salesperson = await insertUser("salesperson");
      const session = await insertSession(manager);
      expect(await sessionFromToken(session.cookie)).toMatchObject({
        twoFactor: { enabled: false, setupRequired: true },
      });
      expect(await sessionFromToken((await insertSession(salesperson)).cookie)).toMatchObject({
        twoFactor: { setupRequired: false },
      });
      await startTwoFactorSetup({ me: manager });
      const secret = (await row(manager.id)).totpPendingSecret!;
      await confirmTwoFactor({ me: manager, code: codeAt(secret, new Date()) });
      expect(await sessionFromToken(session.cookie)).toMatchObject({
        twoFactor: { enabled: true, setupRequired: false },
      });
    } finally {
      delete process.env.REQUIRE_2FA;
    }
  });
});

describe("Moje konto", () => {
  test("changing one's password ends the other sessions and keeps this one; a wrong current password changes nothing", async () => {
    const user = await insertUser("manager");
    const here = await insertSession(user);
    const elsewhere = await insertSession(user);
    const address = newAddress();
    await expect(
      changeOwnPassword({ me: user, sessionId: here.id, currentPassword: "zle", newPassword: "nowe-haslo-1", address }),
    ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["Nieprawidłowe obecne hasło."] } });
    expect(await sessionFromToken(elsewhere.cookie)).not.toBeNull();

    await changeOwnPassword({
      me: user,
      sessionId: here.id,
      currentPassword: PASSWORD,
      newPassword: "nowe-haslo-1",
      address,
    });
    expect(await sessionFromToken(here.cookie)).toMatchObject({ user: { id: user.id } });
    expect(await sessionFromToken(elsewhere.cookie)).toBeNull();
    expect(outcomeOf(await signInPassword({ ...user, password: "nowe-haslo-1" }, newAddress()))).toBe("signed-in");
    expect(outcomeOf(await signInPassword(user, newAddress()))).toBe("refused invalid");
  });

  test("guessing the current password from a stolen session is throttled like signing in", async () => {
    const user = await insertUser("salesperson");
    const here = await insertSession(user);
    const address = newAddress();
    for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) {
      await expect(
        changeOwnPassword({
          me: user,
          sessionId: here.id,
          currentPassword: `zgaduje-${i}`,
          newPassword: "przejete-1",
          address,
        }),
      ).rejects.toMatchObject({ fieldErrors: { currentPassword: ["Nieprawidłowe obecne hasło."] } });
    }
    await expect(
      changeOwnPassword({
        me: user,
        sessionId: here.id,
        currentPassword: PASSWORD,
        newPassword: "przejete-1",
        address,
      }),
    ).rejects.toMatchObject({
      fieldErrors: { currentPassword: [expect.stringContaining("Zbyt wiele nieudanych prób")] },
    });
  });

  test("Wyloguj wszędzie ends every session of the user, and no one else's", async () => {
    const user = await insertUser("salesperson");
    const other = await insertUser("salesperson");
    const mine = [await insertSession(user), await insertSession(user)];
    const theirs = await insertSession(other);
    await signOutEverywhere({ me: user });
    for (const session of mine) expect(await sessionFromToken(session.cookie)).toBeNull();
    expect(await sessionFromToken(theirs.cookie)).not.toBeNull();
  });
});
