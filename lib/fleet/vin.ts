/**
 * VIN rules (ISO 3779): 17 characters, digits and capital letters without I, O and Q. The check digit in
 * position 9 (ISO 3779 annex / FMVSS 565) is compulsory only for cars made for North America, whose VINs
 * start with 1–5; European makers often put a plant or model character there instead, so for any other
 * VIN it is not checked (a valid European VIN would otherwise be refused).
 */
const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export type VinProblem = "length" | "characters" | "checkDigit";

/** As stored: upper case, without spaces and dashes people type in. */
export function normalizeVin(value: string): string {
  return value.replace(/[\s-]+/g, "").toUpperCase();
}

/** The check digit a VIN's other characters call for ("0"–"9" or "X"). */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const char = vin[i];
    const value = /\d/.test(char) ? Number(char) : TRANSLITERATION[char];
    sum += value * WEIGHTS[i];
  }
  const rest = sum % 11;
  return rest === 10 ? "X" : String(rest);
}

/** Whether the VIN's maker must carry a check digit (North America: the first character 1–5). */
export function vinHasCheckDigit(vin: string): boolean {
  return /^[1-5]/.test(vin);
}

/** What is wrong with a (normalized) VIN, or null. */
export function vinProblem(vin: string): VinProblem | null {
  if (vin.length !== 17) return "length";
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return "characters";
  if (vinHasCheckDigit(vin) && vin[8] !== vinCheckDigit(vin)) return "checkDigit";
  return null;
}
