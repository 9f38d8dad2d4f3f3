import { parsePhoneNumberFromString } from "libphonenumber-js/max";

const DEFAULT_COUNTRY = "PL";

/** A phone number as typed (spaces, dashes, with or without +48) in E.164, or null when it is not a valid number. */
export function normalizePhone(input: string): string | null {
  const text = input.trim();
  if (!/\d/.test(text)) return null;
  const parsed = parsePhoneNumberFromString(text.replace(/^00/, "+"), DEFAULT_COUNTRY);
  return parsed?.isValid() ? parsed.number : null;
}

const formatted = new Map<string, string>();

/** "+48 600 123 456". Lists show many numbers on every request: each is parsed once. */
export function formatPhone(e164: string): string {
  let text = formatted.get(e164);
  if (text === undefined) {
    text = parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
    if (formatted.size >= 10_000) formatted.clear();
    formatted.set(e164, text);
  }
  return text;
}
