import { hashPasswordSync } from "@/lib/auth/password";
import { PASSWORD_HASHING_MINIMUM } from "@/lib/config";

/** A password hash with the test server's parameters (it runs in production mode), so signing in keeps it. */
export function serverPasswordHash(password: string): string {
  return hashPasswordSync(password, PASSWORD_HASHING_MINIMUM);
}
