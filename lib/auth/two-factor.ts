import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import type { Executor } from "@/db/client";
import { backupCodes, users, type User } from "@/db/schema";
import { t } from "@/lib/i18n";

// "Weryfikacja dwuetapowa": TOTP (RFC 6238: SHA-1, 6 digits, 30 s, as every authenticator app reads it)
// and ten one-time "Kody zapasowe".

const PERIOD_S = 30;
/** A code of the previous or the next 30 s is accepted too (a phone's clock drifts). */
const WINDOW = 1;
const BACKUP_CODE_COUNT = 10;

function totp(secret: string, email = "") {
  return new TOTP({
    issuer: t.common.appName,
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** A QR code's dark modules as one SVG path (drawn in the page itself: no script, no style). */
export function qrCodePath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  let path = "";
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (!modules.get(y, x)) continue;
      let run = 1;
      while (x + run < modules.size && modules.get(y, x + run)) run++;
      path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  return { size: modules.size, path };
}

/** The time step a 6-digit code belongs to, if it is right for this secret at `now`; null if not. */
export function totpStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

/** What a user typed as a code: no spaces or dashes, lower case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, "").toLowerCase();
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // 32 letters and digits, none mistaken for another

/** Ten random codes of 10 characters (50 bits each), shown as "xxxxx-xxxxx". */
export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Backup codes are random and long: a plain SHA-256 keeps them unreadable in the database. */
export function hashBackupCode(code: string): string {
  return crypto.createHash("sha256").update(normalizeCode(code)).digest("hex");
}

/** Off, with its secret, its pending setup and its backup codes (the user's own choice, or an administrator's reset). */
export async function clearTwoFactor(tx: Executor, userId: number): Promise<void> {
  await tx
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null })
    .where(eq(users.id, userId));
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
}

/** Replaces a user's backup codes, inside the caller's transaction. */
export async function storeBackupCodes(tx: Executor, userId: number, codes: readonly string[]): Promise<void> {
  await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
  await tx.insert(backupCodes).values(codes.map((code) => ({ userId, codeHash: hashBackupCode(code) })));
}

/**
 * Proves the second factor, inside the transaction that opens the session, and uses it up: a TOTP code
 * once (its time step must be later than the last one accepted), a backup code once. Both are one
 * conditional UPDATE, so that two requests with the same code cannot both succeed.
 */
export async function useSecondFactor(
  tx: Executor,
  user: Pick<User, "id" | "totpSecret">,
  input: string,
  now: Date,
): Promise<boolean> {
  if (!user.totpSecret) return false;
  const code = normalizeCode(input);
  if (/^\d{6}$/.test(code)) {
    const step = totpStep(user.totpSecret, code, now);
    if (step === null) return false;
    const used = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(
        and(
          eq(users.id, user.id),
          eq(users.totpSecret, user.totpSecret),
          or(isNull(users.totpLastStep), lt(users.totpLastStep, step)),
        ),
      )
      .returning({ id: users.id });
    return used.length === 1;
  }
  if (code.length !== 10) return false;
  const used = await tx
    .update(backupCodes)
    .set({ usedAt: now })
    .where(
      and(eq(backupCodes.userId, user.id), eq(backupCodes.codeHash, hashBackupCode(code)), isNull(backupCodes.usedAt)),
    )
    .returning({ id: backupCodes.id });
  return used.length === 1;
}
