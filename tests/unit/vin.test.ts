import { normalizeVin, vinCheckDigit, vinProblem } from "@/lib/fleet/vin";

test("North-American VINs carry a check digit in position 9, and a wrong one is refused", () => {
  // Published examples: a Honda Accord (check digit 3) and a Mack truck (check digit X).
  expect(vinCheckDigit("1HGCM82633A004352")).toBe("3");
  expect(vinProblem("1HGCM82633A004352")).toBeNull();
  expect(vinProblem("1M8GDM9AXKP042788")).toBeNull();
  expect(vinProblem("1HGCM82643A004352")).toBe("checkDigit");
  expect(vinProblem("2HGCM82633A004352")).toBe("checkDigit");
});

test("European VINs need not carry a check digit: position 9 is not checked outside North America", () => {
  expect(vinProblem("WVWZZZ1KZ8W000000")).toBeNull();
  expect(vinProblem("TMBJJ7NE4H0123456")).toBeNull();
  expect(vinProblem("VF1RFB00X56789012")).toBeNull();
});

test("length and characters are checked for every VIN; spaces and letter case are forgiven", () => {
  expect(vinProblem("WVWZZZ1KZ8W00000")).toBe("length");
  expect(vinProblem("WVWZZZ1KZ8W0000000")).toBe("length");
  expect(vinProblem("WVWZZZ1KZ8W00000O")).toBe("characters");
  expect(vinProblem("WVWZZZ1KZ8W00000I")).toBe("characters");
  expect(vinProblem("WVWZZZ1KZ8W00000Q")).toBe("characters");
  expect(normalizeVin(" wvw zzz1kz8w-000000 ")).toBe("WVWZZZ1KZ8W000000");
});
