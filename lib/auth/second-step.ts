import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { config } from "@/lib/config";
import { getAuthSecret } from "./secret";

/**
 * Between the password and "Kod weryfikacyjny": a short-lived cookie that names the user and nothing
 * more. It is no session: encrypted under a key of its own (a session cookie cannot be made from it, nor
 * it from one), it opens no page, and only the code step reads it.
 */
const MAX_AGE_S = 5 * 60;
const PURPOSE = "second-step";

function cookieOf() {
  const secure = config.publicUrl.startsWith("https://");
  return {
    name: secure ? "__Secure-salon-crm.second-step" : "salon-crm.second-step",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/login", secure },
  };
}

const secret = () => `${getAuthSecret()}:${PURPOSE}`;

export async function beginSecondStep(userId: number): Promise<void> {
  const value = await encode({ token: { sub: String(userId), purpose: PURPOSE }, secret: secret(), maxAge: MAX_AGE_S });
  const { name, options } = cookieOf();
  (await cookies()).set(name, value, { ...options, maxAge: MAX_AGE_S });
}

/** The user whose password was right a moment ago, or null. */
export async function pendingSecondStep(): Promise<{ userId: number } | null> {
  const raw = (await cookies()).get(cookieOf().name)?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: secret() });
    const userId = Number(token?.sub);
    return token?.purpose === PURPOSE && Number.isInteger(userId) ? { userId } : null;
  } catch {
    return null;
  }
}

export async function endSecondStep(): Promise<void> {
  const { name, options } = cookieOf();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}
