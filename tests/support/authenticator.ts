// What an authenticator app shows for a "Weryfikacja dwuetapowa" secret: computed by otpauth, as the app
// computes it (RFC 6238: SHA-1, 6 digits, 30 s), independently of the server's own code.
import { Secret, TOTP } from "otpauth";

export function authenticatorCode(secret: string, at: Date | number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: typeof at === "number" ? at : at.getTime(),
  });
}
